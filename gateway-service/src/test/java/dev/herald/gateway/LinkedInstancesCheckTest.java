package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.link.LinkRosterState;
import dev.herald.observability.ReadinessCheck.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkedInstancesCheckTest {

    @Test
    void readyOnlyWhenEveryResolvedInstanceIsLinked() {
        assertThat(check(List.of("10.0.0.1:9090", "10.0.0.2:9090"), List.of("10.0.0.2:9090", "10.0.0.1:9090")))
                .isEqualTo(Status.ready("2 of 2 message-service links up"));
        assertThat(check(List.of("10.0.0.1:9090", "10.0.0.2:9090", "10.0.0.3:9090"),
                List.of("10.0.0.1:9090", "10.0.0.3:9090")))
                .isEqualTo(Status.notReady("2 of 3 message-service links up; down: 10.0.0.2:9090"));
        assertThat(check(List.of("10.0.0.1:9090"), List.of()))
                .isEqualTo(Status.notReady("0 of 1 message-service links up; down: 10.0.0.1:9090"));
    }

    @Test
    void notReadyWhenNothingResolved() {
        assertThat(check(List.of(), List.of())).isEqualTo(Status.notReady("no message-service instance resolved"));
    }

    private static Status check(List<String> instances, List<String> linked) {
        return new LinkedInstancesCheck(() -> new LinkRosterState(instances, linked)).check();
    }
}
