package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row c: nats-server is killed under load and started again on the same port and store. Sends during
 * the outage are refused with UNAVAILABLE, never acked; what was acked before is in the stream's file store and
 * reaches PostgreSQL once; the services reconnect by themselves.
 */
class NatsRestartFaultIT {

    @Test
    void sendsDuringANatsOutageAreRefusedAndEverythingAckedIsStoredOnce() throws Exception {
        try (HeraldStack stack = HeraldStack.start(Map.of());
             TrackedLoad load = TrackedLoad.start(List.of(stack.socketUri()), id -> stack.token(id, id),
                     TrackedLoad.Shape.standard())) {
            load.awaitMoreAcked(300);
            stack.nats.kill();
            load.awaitMoreRefused(3); // every sender has hit the outage
            stack.nats.restart();
            load.awaitMoreAcked(300);
            FaultReport report = load.finish("nats-restart", stack::sql).printAndCheck();
            assertThat(report.refusals()).as("refusals by status").containsOnlyKeys("UNAVAILABLE");
        }
    }
}
