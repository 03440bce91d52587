package dev.herald.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    @Test
    void streamKeepsSevenDaysWithATwoMinuteDuplicateWindowInTheConfiguredReplicas() {
        var stream = EventStream.configuration("S", "app.events", 3);

        assertThat(stream.getName()).isEqualTo("S");
        assertThat(stream.getSubjects()).containsExactly("app.events.>");
        assertThat(stream.getMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(stream.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(stream.getStorageType()).isEqualTo(StorageType.File);
        assertThat(stream.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
        assertThat(stream.getReplicas()).isEqualTo(3);
    }
}
