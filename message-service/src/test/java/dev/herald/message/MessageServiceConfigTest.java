package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway secret's rule as the message-service reads it: the local default only in development mode. */
class MessageServiceConfigTest {

    private static final String STRONG_SECRET = "strong-gateway-secret-of-40-characters!!";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                | not set",
            "herald-local-gateway-secret     | value not shown",
            "only-31-characters-is-too-short | value not shown"})
    void refusesTheLocalDefaultOrAShortSecretOutsideDevelopmentMode(String secret, String what) {
        Map<String, String> env = secret == null ? Map.of() : Map.of("HERALD_GATEWAY_SECRET", secret);

        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HERALD_GATEWAY_SECRET: " + what + " (expected: at least 32 characters")
                .hasMessageNotContaining("herald-local-gateway-secret")
                .hasMessageNotContaining("too-short");
    }

    @Test
    void acceptsTheLocalDefaultInDevelopmentMode() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true"));

        assertThat(config.gatewaySecret()).isEqualTo("herald-local-gateway-secret");
        assertThat(config.devMode()).isTrue();
        assertThat(config.toString()).contains("devMode=true").doesNotContain("herald-local-gateway-secret");
    }

    @Test
    void acceptsAStrongSecretWithoutDevelopmentMode() {
        MessageServiceConfig config = MessageServiceConfig.fromEnv(
                Map.of("HERALD_GATEWAY_SECRET", STRONG_SECRET, "HERALD_GRPC_HOST", "127.0.0.1"));

        assertThat(config.gatewaySecret()).isEqualTo(STRONG_SECRET);
        assertThat(config.devMode()).isFalse();
        assertThat(config.toString()).doesNotContain(STRONG_SECRET);
    }

    @Test
    void aDevelopmentModeThatIsNotABooleanIsNamed() {
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "yes")))
                .hasMessage("HERALD_DEV_MODE: 'yes' (expected: true or false)");
    }

    @Test
    void firstClaimsAreKeptADayUnlessConfigured() {
        assertThat(MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true")).firstClaimRetention())
                .isEqualTo(Duration.ofHours(24));
        assertThat(MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_FIRST_CLAIM_RETENTION_HOURS", "2")).firstClaimRetention())
                .isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_FIRST_CLAIM_RETENTION_HOURS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HERALD_FIRST_CLAIM_RETENTION_HOURS: ");
    }

    @Test
    void roomCallsTakeAThousandUsersUnlessConfigured() {
        assertThat(MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true")).maxRoomMembersPerCall())
                .isEqualTo(1000);
        assertThat(MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_MAX_ROOM_MEMBERS_PER_CALL", "50")).maxRoomMembersPerCall())
                .isEqualTo(50);
        assertThatThrownBy(() -> MessageServiceConfig.fromEnv(Map.of("HERALD_DEV_MODE", "true",
                "HERALD_MAX_ROOM_MEMBERS_PER_CALL", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HERALD_MAX_ROOM_MEMBERS_PER_CALL: ");
    }
}
