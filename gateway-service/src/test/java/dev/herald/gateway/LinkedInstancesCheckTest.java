package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.observability.ReadinessCheck.Status;
import org.junit.jupiter.api.Test;

class LinkedInstancesCheckTest {

    @Test
    void readyOnlyWhenEveryResolvedInstanceIsLinked() {
        assertThat(check(2, 2)).isEqualTo(Status.ready("2 of 2 message-service links up"));
        assertThat(check(3, 2)).isEqualTo(Status.notReady("2 of 3 message-service links up"));
        assertThat(check(1, 0)).isEqualTo(Status.notReady("0 of 1 message-service links up"));
    }

    @Test
    void notReadyWhenNothingResolved() {
        assertThat(check(0, 0)).isEqualTo(Status.notReady("no message-service instance resolved"));
    }

    private static Status check(int resolved, int up) {
        return new LinkedInstancesCheck(() -> new LinkedInstancesCheck.Links(resolved, up)).check();
    }
}
