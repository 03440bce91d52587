package dev.herald.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.worker.config.WorkerConfig;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerConfigurationTest {

    @Test
    void sharedDurableWithExplicitAcksUnlimitedRedeliveryAndRoomForSeveralBatches() {
        WorkerConfig config = WorkerConfig.fromEnv(Map.of("HERALD_NATS_SUBJECT_PREFIX", "app.events",
                "HERALD_WORKER_ACK_WAIT_SECONDS", "7", "HERALD_WORKER_BATCH_SIZE", "300"));

        ConsumerConfiguration consumer = BatchConsumer.consumerConfiguration(config);

        assertThat(consumer.getDurable()).isEqualTo("herald-persistence");
        assertThat(consumer.getFilterSubject()).isEqualTo("app.events.>");
        assertThat(consumer.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
        assertThat(consumer.getDeliverPolicy()).isEqualTo(DeliverPolicy.All);
        assertThat(consumer.getMaxDeliver()).isEqualTo(-1);
        assertThat(consumer.getAckWait()).isEqualTo(Duration.ofSeconds(7));
        assertThat(consumer.getMaxAckPending()).isEqualTo(300 * 20);
    }
}
