package dev.herald.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {

    @Test
    void defaults() {
        StreamSettings settings = StreamSettings.from(Env.of(Map.of()));

        assertThat(settings).isEqualTo(new StreamSettings(
                "nats://127.0.0.1:4222", "HERALD_EVENTS", "herald.events", "herald-persistence", 1));
        assertThat(settings.subjects()).isEqualTo("herald.events.>");
    }

    @Test
    void severalServersAreEachChecked() {
        assertThat(StreamSettings.from(Env.of(Map.of("HERALD_NATS_URL", "nats://a:4222, nats://b:4222"))).natsUrl())
                .isEqualTo("nats://a:4222,nats://b:4222");
        assertThatThrownBy(() -> StreamSettings.from(Env.of(Map.of("HERALD_NATS_URL", "nats://a:4222,b"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("HERALD_NATS_URL: 'b'");
    }

    @Test
    void replicasAreOneToFive() {
        assertThat(StreamSettings.from(Env.of(Map.of("HERALD_NATS_REPLICAS", "3"))).replicas()).isEqualTo(3);
        assertThatThrownBy(() -> StreamSettings.from(Env.of(Map.of("HERALD_NATS_REPLICAS", "6"))))
                .isInstanceOf(ConfigException.class).hasMessage("HERALD_NATS_REPLICAS: '6' (expected: 1..5)");
        assertThatThrownBy(() -> StreamSettings.from(Env.of(Map.of("HERALD_NATS_REPLICAS", "0"))))
                .hasMessage("HERALD_NATS_REPLICAS: '0' (expected: 1..5)");
    }

    @Test
    void namesWithWildcardsOrDotsAreRefused() {
        assertThatThrownBy(() -> StreamSettings.from(Env.of(Map.of("HERALD_NATS_STREAM", "A.B"))))
                .hasMessageStartingWith("HERALD_NATS_STREAM: 'A.B'");
        assertThatThrownBy(() -> StreamSettings.from(Env.of(Map.of("HERALD_NATS_SUBJECT_PREFIX", "a.*"))))
                .hasMessageStartingWith("HERALD_NATS_SUBJECT_PREFIX: 'a.*'");
        assertThatThrownBy(() -> StreamSettings.from(Env.of(Map.of("HERALD_WORKER_DURABLE", "a b"))))
                .hasMessageStartingWith("HERALD_WORKER_DURABLE: 'a b'");
    }
}
