package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway pings a quiet socket every HERALD_PING_INTERVAL_SECONDS and closes one that sent nothing, not even a
 * pong, for HERALD_IDLE_TIMEOUT_SECONDS (1001 "idle timeout"); a connection that never upgrades goes after the
 * authentication timeout. Short settings here: ping 1 s, idle 3 s, auth 2 s.
 */
class IdleTimeoutIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_PING_INTERVAL_SECONDS", "1",
            "HERALD_IDLE_TIMEOUT_SECONDS", "3", "HERALD_AUTH_TIMEOUT_SECONDS", "2"));

    @Test
    void aSignedInPeerThatStopsAnsweringIsClosedAfterTheIdleTimeoutAndGoesOffline() throws Exception {
        String frank = GatewayExtension.user("frank");
        try (RawWebSocket vanished = RawWebSocket.connect(env.gateway().port())) {
            assertThat(env.signIn(vanished, frank).path("event").asText()).isEqualTo("ack");
            long quietSince = System.nanoTime();
            assertThat(env.backend().onlineUsers()).contains(frank);

            RawWebSocket.Frame frame = vanished.read();
            assertThat(frame.opcode()).as("a ping first").isEqualTo(RawWebSocket.PING);
            while (frame.opcode() == RawWebSocket.PING) {
                frame = vanished.read(); // never answered
            }
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - quietSince);
            System.out.println("idle socket closed " + closedAfter.toMillis() + " ms after its last frame");

            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1001);
            assertThat(frame.closeReason()).isEqualTo("idle timeout");
            assertThat(closedAfter).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(8));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !env.backend().onlineUsers().contains(frank));
    }

    @Test
    void peersThatAnswerPingsStayOpen() throws Exception {
        TestClient tyrus = env.online(GatewayExtension.user("grace")); // Tyrus answers pings by itself
        try (RawWebSocket raw = RawWebSocket.connect(env.gateway().port())) {
            assertThat(env.signIn(raw, GatewayExtension.user("heidi")).path("event").asText())
                    .isEqualTo("ack");
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            int pings = 0;
            while (System.nanoTime() < until) {
                RawWebSocket.Frame frame = raw.read();
                assertThat(frame.opcode()).as("only pings while quiet").isEqualTo(RawWebSocket.PING);
                raw.sendPong();
                pings++;
            }

            System.out.println("answered " + pings + " pings in 4 s, still open");
            assertThat(pings).isBetween(2, 6);
            assertThat(tyrus.isOpen()).isTrue();
            tyrus.send("nosuchevent", "e", "{}");
            assertThat(tyrus.next().path("event").asText()).isEqualTo("exception");
        }
    }

    @Test
    void aConnectionThatNeverUpgradesIsDroppedAfterTheAuthTimeout() throws Exception {
        try (Socket silent = new Socket()) {
            silent.setSoTimeout(10_000);
            silent.connect(new InetSocketAddress("127.0.0.1", env.gateway().port()));
            long start = System.nanoTime();

            int read;
            try {
                read = silent.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }

            assertThat(read).as("closed by the gateway").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900),
                    Duration.ofSeconds(6));
        } catch (EOFException e) {
            throw new AssertionError(e);
        }
    }
}
