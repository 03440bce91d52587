package dev.herald.gateway.admission;

import static dev.herald.gateway.admission.PreauthLimiterTest.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdmissionConfigTest {

    @Test
    void defaults() {
        AdmissionConfig config = AdmissionConfig.from(Env.of(Map.of()), 65_536);

        assertThat(config.preauthPerAddress()).isEqualTo(256);
        assertThat(config.trustedProxies().isEmpty()).isTrue();
        assertThat(config.preauthMaxFrameBytes()).isEqualTo(8192);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(config.reservedFileDescriptors()).isEqualTo(512);
        assertThat(AdmissionConfig.from(Env.of(Map.of()), 4096).preauthMaxFrameBytes())
                .as("never over HERALD_MAX_FRAME_BYTES").isEqualTo(4096);
    }

    @Test
    void readsEverySetting() {
        AdmissionConfig config = AdmissionConfig.from(Env.of(Map.of(
                "HERALD_PREAUTH_PER_ADDRESS", "20000",
                "HERALD_TRUSTED_PROXIES", "10.0.0.0/8, 2001:db8::7",
                "HERALD_PREAUTH_MAX_FRAME_BYTES", "16384",
                "HERALD_PING_INTERVAL_SECONDS", "20",
                "HERALD_IDLE_TIMEOUT_SECONDS", "50",
                "HERALD_RESERVED_FILE_DESCRIPTORS", "0")), 65_536);

        assertThat(config.preauthPerAddress()).isEqualTo(20_000);
        assertThat(config.trustedProxies().trusts(address("10.9.9.9"))).isTrue();
        assertThat(config.trustedProxies().trusts(address("2001:db8::7"))).isTrue();
        assertThat(config.trustedProxies().trusts(address("2001:db8::8"))).isFalse();
        assertThat(config.preauthMaxFrameBytes()).isEqualTo(16_384);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(config.reservedFileDescriptors()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HERALD_PREAUTH_PER_ADDRESS       | 0            | HERALD_PREAUTH_PER_ADDRESS: '0' (expected: 1..10000000)",
            "HERALD_TRUSTED_PROXIES           | proxy.local  | HERALD_TRUSTED_PROXIES: 'proxy.local' (expected: comma-separated IP addresses or CIDR blocks, e.g. 10.0.0.0/8,2001:db8::/32)",
            "HERALD_TRUSTED_PROXIES           | 10.0.0.0/40  | HERALD_TRUSTED_PROXIES: '10.0.0.0/40' (expected: comma-separated IP addresses or CIDR blocks, e.g. 10.0.0.0/8,2001:db8::/32)",
            "HERALD_PREAUTH_MAX_FRAME_BYTES   | 70000        | HERALD_PREAUTH_MAX_FRAME_BYTES: '70000' (expected: 256..HERALD_MAX_FRAME_BYTES (65536))",
            "HERALD_IDLE_TIMEOUT_SECONDS      | 30           | HERALD_IDLE_TIMEOUT_SECONDS: '30' (expected: more than HERALD_PING_INTERVAL_SECONDS (30))",
            "HERALD_RESERVED_FILE_DESCRIPTORS | -1           | HERALD_RESERVED_FILE_DESCRIPTORS: '-1' (expected: 0..10000000)"})
    void aBadValueNamesTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> AdmissionConfig.from(Env.of(Map.of(name, value)), 65_536))
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
