package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the configured targets resolve to, round after round, with a scripted DNS. */
class TargetResolverTest {

    private final ScriptedDns dns = new ScriptedDns();

    @Test
    void anIpLiteralIsOneInstanceAndNeverLookedUp() {
        TargetResolver resolver = new TargetResolver(List.of("127.0.0.1:9090", "[::1]:9091"), dns);

        assertThat(resolver.isStatic()).isTrue();
        assertThat(resolver.resolve()).containsExactly(LinkTarget.literal("127.0.0.1:9090"),
                LinkTarget.literal("[::1]:9091"));
        assertThat(dns.lookups).hasValue(0);
    }

    @Test
    void aNameIsEveryAddressItResolvesToOnItsPortWithTheNameAsAuthority() {
        TargetResolver resolver = new TargetResolver(List.of("ms.herald.test:9090"), dns);
        dns.answer("ms.herald.test", "10.0.0.7", "10.0.0.8");

        assertThat(resolver.isStatic()).isFalse();
        assertThat(resolver.resolve()).containsExactly(
                new LinkTarget("10.0.0.7:9090", "ms.herald.test:9090"),
                new LinkTarget("10.0.0.8:9090", "ms.herald.test:9090"));
    }

    @Test
    void eachRoundAsksAgainSoInstancesComeAndGo() {
        TargetResolver resolver = new TargetResolver(List.of("ms.herald.test:9090"), dns);
        dns.answer("ms.herald.test", "10.0.0.7", "10.0.0.8");
        resolver.resolve();

        dns.answer("ms.herald.test", "10.0.0.8", "10.0.0.9");

        assertThat(resolver.resolve()).extracting(LinkTarget::address)
                .containsExactly("10.0.0.8:9090", "10.0.0.9:9090");
    }

    @Test
    void aFailedOrEmptyAnswerKeepsTheLastKnownInstances() {
        TargetResolver resolver = new TargetResolver(List.of("ms.herald.test:9090"), dns);
        dns.answer("ms.herald.test", "10.0.0.7", "10.0.0.8");
        List<LinkTarget> known = resolver.resolve();

        dns.fail("ms.herald.test");
        assertThat(resolver.resolve()).isEqualTo(known);

        dns.answer("ms.herald.test");
        assertThat(resolver.resolve()).isEqualTo(known);
    }

    @Test
    void aNameThatNeverResolvedHasNoInstanceYet() {
        TargetResolver resolver = new TargetResolver(List.of("ms.herald.test:9090", "127.0.0.1:9091"), dns);
        dns.fail("ms.herald.test");

        assertThat(resolver.resolve()).containsExactly(LinkTarget.literal("127.0.0.1:9091"));
    }

    @Test
    void ipv4AddressesAreUsedWhenTheAnswerHasThemIpv6Otherwise() {
        TargetResolver resolver = new TargetResolver(List.of("dual.herald.test:9090", "v6.herald.test:9091"), dns);
        dns.answer("dual.herald.test", "10.0.0.7", "fd00::7");
        dns.answer("v6.herald.test", "fd00::8");

        assertThat(resolver.resolve()).extracting(LinkTarget::address).containsExactly("10.0.0.7:9090",
                "[fd00::8]:9091");
    }

    @Test
    void anAddressNamedTwiceIsOneInstance() {
        TargetResolver resolver = new TargetResolver(List.of("10.0.0.7:9090", "ms.herald.test:9090"), dns);
        dns.answer("ms.herald.test", "10.0.0.7", "10.0.0.8");

        assertThat(resolver.resolve()).containsExactly(LinkTarget.literal("10.0.0.7:9090"),
                new LinkTarget("10.0.0.8:9090", "ms.herald.test:9090"));
    }

    /** A DNS whose answers the test sets; names it has no answer for do not exist. */
    private static final class ScriptedDns implements TargetResolver.Lookup {

        final AtomicInteger lookups = new AtomicInteger();
        private final Map<String, List<InetAddress>> answers = new HashMap<>();

        void answer(String name, String... addresses) {
            answers.put(name, Arrays.stream(addresses).map(ScriptedDns::literal).toList());
        }

        void fail(String name) {
            answers.remove(name);
        }

        @Override
        public List<InetAddress> all(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            List<InetAddress> answer = answers.get(host);
            if (answer == null) {
                throw new UnknownHostException(host + ": NXDOMAIN");
            }
            return answer;
        }

        private static InetAddress literal(String address) {
            try {
                return InetAddress.getByName(address); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
    }
}
