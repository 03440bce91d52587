package dev.herald.gateway.admission;

import static dev.herald.gateway.admission.PreauthLimiterTest.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = new TrustedProxies(List.of(
            AddressRange.parse("10.0.0.0/8").orElseThrow(),
            AddressRange.parse("192.0.2.7").orElseThrow(),
            AddressRange.parse("fd00::/8").orElseThrow()));

    @Test
    void parsesAddressesAndCidrBlocksOfBothFamilies() {
        assertThat(AddressRange.parse("10.0.0.0/8")).hasValueSatisfying(range -> {
            assertThat(range.contains(address("10.255.1.2"))).isTrue();
            assertThat(range.contains(address("11.0.0.1"))).isFalse();
            assertThat(range.contains(address("::ffff:a00:1"))).as("mapped IPv4 is IPv4").isTrue();
        });
        assertThat(AddressRange.parse("172.16.0.0/12").orElseThrow().contains(address("172.31.255.255"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").orElseThrow().contains(address("172.32.0.0"))).isFalse();
        assertThat(AddressRange.parse("2001:db8::/32").orElseThrow().contains(address("2001:db8:ffff::1"))).isTrue();
        assertThat(AddressRange.parse("2001:db8::/32").orElseThrow().contains(address("2001:db9::1"))).isFalse();
        assertThat(AddressRange.parse("[::1]").orElseThrow().contains(address("::1"))).isTrue();
        assertThat(AddressRange.parse("::1").orElseThrow().contains(address("127.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").orElseThrow().contains(address("203.0.113.9"))).isTrue();
    }

    @Test
    void refusesWhatIsNotAnAddressWithoutAskingDns() {
        for (String bad : List.of("localhost", "proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/", "256.1.1.1",
                "10.0.0", "1.2.3.4/x", "fe80::1%eth0", "", "unknown")) {
            assertThat(AddressRange.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
        assertThat(PROXIES.clientAddress(address("203.0.113.9"), List.of("198.51.100.1")))
                .isEqualTo(address("203.0.113.9"));
        assertThat(TrustedProxies.none().clientAddress(address("10.1.1.1"), List.of("198.51.100.1")))
                .isEqualTo(address("10.1.1.1"));
    }

    @Test
    void fromATrustedProxyTheClientIsTheFirstHopOutsideTheProxies() {
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of("198.51.100.1")))
                .isEqualTo(address("198.51.100.1"));
        // The client wrote "6.6.6.6"; the proxy appended the address it saw: that one counts.
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of("6.6.6.6, 198.51.100.1")))
                .isEqualTo(address("198.51.100.1"));
        // Two trusted proxies in a row, the header split over two lines.
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of("6.6.6.6, 2001:db8::5", "192.0.2.7")))
                .isEqualTo(address("2001:db8::5"));
        assertThat(PROXIES.clientAddress(address("fd00::2"), List.of("[2001:db8::9]:4711", "198.51.100.2:80")))
                .isEqualTo(address("198.51.100.2"));
    }

    @Test
    void withoutAUsableHopTheNearestTrustedProxyCounts() {
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of())).isEqualTo(address("10.1.1.1"));
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of("198.51.100.1, unknown")))
                .isEqualTo(address("10.1.1.1"));
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of("evil.example.com, 10.2.2.2")))
                .isEqualTo(address("10.2.2.2"));
        assertThat(PROXIES.clientAddress(address("10.1.1.1"), List.of("10.3.3.3")))
                .as("only proxies: the farthest").isEqualTo(address("10.3.3.3"));
    }
}
