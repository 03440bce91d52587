package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row i: on a three-node NATS cluster with {@code HERALD_NATS_REPLICAS=3}, the node leading the event
 * stream is killed with SIGKILL under load. JetStream acks a publish only once a majority of the replicas has it, so
 * what was acked is on a survivor; the survivors elect a new leader, the services' connections move to them, and
 * sends go on being acked. What the election delays is refused, never acked and lost.
 */
@Tag("faults") // three nats-servers and the stack: over a minute on a busy two-core machine
class NatsNodeKillFaultIT {

    @Test
    void killingTheStreamLeadersNodeUnderLoadLosesNothingAcked() throws Exception {
        try (HeraldStack stack = HeraldStack.startOnNatsCluster(3, Map.of("HERALD_NATS_REPLICAS", "3"));
             Connection nats = Nats.connect(stack.natsUrl())) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            String stream = stack.env.get("HERALD_NATS_STREAM");
            assertThat(jsm.getStreamInfo(stream).getConfiguration().getReplicas()).as("stream replicas").isEqualTo(3);
            assertThat(jsm.getStreamInfo("KV_" + stream + "_CLIENT_IDS").getConfiguration().getReplicas())
                    .as("client id bucket replicas").isEqualTo(3);
            try (TrackedLoad load = TrackedLoad.start(List.of(stack.socketUri()), id -> stack.token(id, id),
                    TrackedLoad.Shape.standard())) {
                load.awaitMoreAcked(300);
                StreamInfo before = jsm.getStreamInfo(stream);
                NatsServerProcess leader = stack.natsCluster.node(before.getClusterInfo().getLeader());
                leader.kill();
                long killedAt = System.nanoTime();
                int ackedAtKill = load.acked();
                load.awaitMoreAcked(1);
                System.out.printf("killed the stream leader %s at %d acked; next ack after %.1f s%n",
                        before.getClusterInfo().getLeader(), ackedAtKill, (System.nanoTime() - killedAt) / 1e9);
                load.awaitMoreAcked(300);
                load.finish("nats-node-kill", stack::sql).printAndCheck();
            }
        }
    }
}
