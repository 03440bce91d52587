package dev.herald.message.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PublishMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PublishMeters meters = new PublishMeters(registry);

    @Test
    void anAckIsTimedAndAFailureCountedByItsReason() {
        meters.record(System.nanoTime(), null);
        meters.record(System.nanoTime(), new TimeoutException());
        meters.record(System.nanoTime(), new CompletionException(new TimeoutException()));
        meters.failed(new IllegalStateException("Connection is Closed"));
        meters.failed(new IOException("Timeout or no response waiting for NATS JetStream server"));
        meters.failed(new UnsupportedOperationException());

        assertThat(registry.get("herald_jetstream_publish_duration_seconds").timer().count()).isEqualTo(1);
        assertThat(errors("timeout")).isEqualTo(2);
        assertThat(errors("connection")).isEqualTo(2);
        assertThat(errors("other")).isEqualTo(1);
        assertThat(registry.find("herald_jetstream_publish_errors").tag("reason", "jetstream").counter()).isNull();
    }

    private double errors(String reason) {
        return registry.get("herald_jetstream_publish_errors").tag("reason", reason).counter().count();
    }
}
