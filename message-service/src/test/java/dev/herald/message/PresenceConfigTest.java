package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link keepalive and the offline debounce: defaults, values, and the bounds named on refusal. */
class PresenceConfigTest {

    @Test
    void defaultsToATenSecondKeepaliveAndAThreeSecondDebounce() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true"));

        assertThat(config.linkKeepalive()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.presenceOfflineDebounce()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsBoth() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_LINK_KEEPALIVE_SECONDS", "30", "HERALD_PRESENCE_OFFLINE_DEBOUNCE_MS", "500"));

        assertThat(config.linkKeepalive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.presenceOfflineDebounce()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aKeepaliveBelowWhatGrpcClientsDoIsRefused() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_LINK_KEEPALIVE_SECONDS", "5")))
                .hasMessageStartingWith("HERALD_LINK_KEEPALIVE_SECONDS: '5' (expected: 10..3600)");
    }
}
