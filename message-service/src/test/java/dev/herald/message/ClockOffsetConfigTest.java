package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HERALD_CLOCK_OFFSET_MS: a skewed clock for tests in development mode, a configuration error anywhere else. */
class ClockOffsetConfigTest {

    private static final String STRONG_SECRET = "strong-gateway-secret-of-40-characters!!";

    @Test
    void shiftsTheClockOfIdsAndTimesInDevelopmentMode() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(
                Map.of("HERALD_DEV_MODE", "true", "HERALD_CLOCK_OFFSET_MS", "-2000"));

        assertThat(config.clockOffset()).isEqualTo(Duration.ofSeconds(-2));
        assertThat(config.clock()).isEqualTo(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-2)));
        assertThat(config.toString()).contains("clockOffset=PT-2S");
    }

    @Test
    void isTheSystemClockWhenNotSet() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true"));

        assertThat(config.clockOffset()).isZero();
        assertThat(config.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void aNonZeroOffsetOutsideDevelopmentModeIsAConfigurationErrorNamingTheVariable() {
        Map<String, String> env = Map.of("HERALD_CLOCK_OFFSET_MS", "2000",
                "HERALD_GATEWAY_SECRET", STRONG_SECRET, "HERALD_GRPC_HOST", "127.0.0.1");

        // A ConfigException is what ServiceStartup turns into one stderr line and exit status 2.
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_CLOCK_OFFSET_MS: '2000' (expected: 0 outside development mode "
                        + "(HERALD_DEV_MODE=true): it skews message ids and times on purpose)");
    }

    @Test
    void zeroIsAcceptedOutsideDevelopmentMode() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(Map.of("HERALD_CLOCK_OFFSET_MS", "0",
                "HERALD_GATEWAY_SECRET", STRONG_SECRET, "HERALD_GRPC_HOST", "127.0.0.1"));

        assertThat(config.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void anOffsetBeyondAnHourIsRefused() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(
                Map.of("HERALD_DEV_MODE", "true", "HERALD_CLOCK_OFFSET_MS", "3600001")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HERALD_CLOCK_OFFSET_MS: ");
    }
}
