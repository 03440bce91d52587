package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a trusted proxy (HERALD_TRUSTED_PROXIES=127.0.0.1) a socket counts under the client its X-Forwarded-For
 * names, and is refused with 429 when that client holds them all; the header of any other peer is ignored.
 */
class ForwardedForIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of(
            "HERALD_TRUSTED_PROXIES", "127.0.0.1", "HERALD_PREAUTH_PER_ADDRESS", "3"));

    private final List<RawWebSocket> open = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (RawWebSocket socket : open) {
            socket.close();
        }
    }

    @Test
    void throughTheProxyEachClientHasItsOwnCapAnsweredWith429() throws Exception {
        for (int i = 0; i < 3; i++) {
            open.add(viaProxy("203.0.113.50, 198.51.100.7"));
        }

        assertThatThrownBy(() -> viaProxy("198.51.100.7"))
                .isInstanceOfSatisfying(RawWebSocket.Refused.class, refused -> assertThat(refused.head)
                        .startsWith("HTTP/1.1 429 Too Many Requests\r\n").containsIgnoringCase("Retry-After: 5\r\n"));
        // The proxy itself holds 4 connections already; another client behind it is not refused.
        open.add(viaProxy("198.51.100.8"));
        // Forged left of the proxy's own entry: the hop the proxy appended counts.
        assertThatThrownBy(() -> viaProxy("198.51.100.9, 198.51.100.7"))
                .isInstanceOf(RawWebSocket.Refused.class);
        assertThat(env.signIn(open.getFirst(), GatewayExtension.user("erin")).path("event").asText())
                .isEqualTo("ack");
        open.add(viaProxy("198.51.100.7")); // the one signed in gave its place back
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() throws Exception {
        for (int i = 0; i < 3; i++) {
            open.add(RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.2",
                    Map.of("X-Forwarded-For", "198.51.100." + (20 + i))));
        }

        // Counted under 127.0.0.2, whatever it claims: refused at accept, with no answer.
        assertThatThrownBy(() -> RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.2",
                Map.of("X-Forwarded-For", "198.51.100.99")))
                .isInstanceOfSatisfying(RawWebSocket.Refused.class, refused -> assertThat(refused.head).isEmpty());
    }

    private static RawWebSocket viaProxy(String forwardedFor) throws IOException {
        return RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.1", Map.of("X-Forwarded-For", forwardedFor));
    }
}
