package dev.herald.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.NatsCluster;
import dev.herald.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code HERALD_NATS_REPLICAS} against real nats-server 2.9: a cluster scales the stream, a lone server refuses. */
class StreamReplicasIT {

    @Test
    void anExistingStreamAndItsConsumerAreScaledToTheConfiguredReplicasOnACluster() throws Exception {
        try (NatsCluster cluster = NatsCluster.start(3);
             Connection nats = Nats.connect(new Options.Builder().server(cluster.url()).build())) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            String stream = uniqueName();
            EventStream.ensure(nats, stream, stream.toLowerCase(), 1);
            // Like the worker's durable: no replica count of its own.
            jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("worker")
                    .ackPolicy(AckPolicy.Explicit).build());

            EventStream.ensure(nats, stream, stream.toLowerCase(), 3);

            assertThat(jsm.getStreamInfo(stream).getConfiguration().getReplicas()).isEqualTo(3);
            // The move takes an election: then a leader and two followers, for the stream and for its consumer.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(jsm.getStreamInfo(stream).getClusterInfo().getLeader()).isNotNull();
                assertThat(jsm.getStreamInfo(stream).getClusterInfo().getReplicas()).hasSize(2);
                assertThat(jsm.getConsumerInfo(stream, "worker").getClusterInfo().getLeader()).isNotNull();
                assertThat(jsm.getConsumerInfo(stream, "worker").getClusterInfo().getReplicas()).hasSize(2);
            });

            EventStream.ensure(nats, stream, stream.toLowerCase(), 1);

            assertThat(jsm.getStreamInfo(stream).getConfiguration().getReplicas()).isEqualTo(1);
        }
    }

    @Test
    void aLoneServerRefusesMoreThanOneReplicaNamingTheVariable() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start();
             Connection nats = Nats.connect(server.url())) {
            String stream = uniqueName();

            assertThatThrownBy(() -> EventStream.ensure(nats, stream, stream.toLowerCase(), 3))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("HERALD_NATS_REPLICAS=3: NATS refused 3 replica(s) for stream " + stream);

            String other = uniqueName();
            EventStream.ensure(nats, other, other.toLowerCase(), 1);
            assertThatThrownBy(() -> EventStream.ensure(nats, other, other.toLowerCase(), 2))
                    .hasMessageStartingWith("HERALD_NATS_REPLICAS=2: NATS refused 2 replica(s) for stream " + other);
        }
    }

    private static String uniqueName() {
        return "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }
}
