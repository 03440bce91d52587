package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.gateway.admission.FileDescriptors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Near the open-file limit the gateway closes new connections at accept and keeps serving the open ones. The limit
 * is made low by reporting a small maximum (the real count of open files, a low ceiling) rather than by exhausting
 * the real one; HERALD_RESERVED_FILE_DESCRIPTORS is 10.
 */
class FileLimitIT {

    private static final FileDescriptors REAL = FileDescriptors.ofThisProcess();
    private static final AtomicLong max = new AtomicLong(Long.MAX_VALUE);

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension(Map.of("HERALD_RESERVED_FILE_DESCRIPTORS", "10"), 1,
            new FileDescriptors() {
                @Override
                public long max() {
                    return max.get();
                }

                @Override
                public long open() {
                    return REAL.open();
                }
            });

    @Test
    void refusesNewConnectionsNearTheLimitAndServesTheOpenOnes() throws Exception {
        String kim = GatewayExtension.user("kim");
        String leo = GatewayExtension.user("leo");
        TestClient sender = env.online(kim);
        TestClient receiver = env.online(leo);
        List<RawWebSocket> opened = new ArrayList<>();
        opened.add(RawWebSocket.connect(env.gateway().port())); // open, not signed in yet
        // Six more files before the reserve of 10: each connection here is two (client and gateway side).
        max.set(REAL.open() + 10 + 6);

        try {
            // The count of open files is read at most once a second: a few more may get in before the next read.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                try {
                    opened.add(RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.4", Map.of()));
                    return false;
                } catch (RawWebSocket.Refused e) {
                    assertThat(e.head).as("closed at accept").isEmpty();
                    return true;
                }
            });
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> opened.add(RawWebSocket.connectFrom(env.gateway().port(), "127.0.0.4",
                        Map.of()))).isInstanceOf(RawWebSocket.Refused.class);
            }
            System.out.println((opened.size() - 1) + " connections in before the first refusal");
            assertThat(opened.size()).as("connections in before the refusals").isLessThan(60);
            sender.message("m", "near the limit", leo);
            assertThat(sender.next().path("event").asText()).isEqualTo("ack");
            assertThat(receiver.next().at("/data/body").asText()).isEqualTo("near the limit");
            assertThat(env.signIn(opened.getFirst(), GatewayExtension.user("mia")).path("event")
                    .asText()).as("a socket open before signs in").isEqualTo("ack");
        } finally {
            for (RawWebSocket socket : opened) {
                socket.close();
            }
        }
        max.set(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(FileLimitIT::connects);
    }

    private static boolean connects() throws IOException {
        try (RawWebSocket probe = RawWebSocket.connect(env.gateway().port())) {
            return true;
        } catch (RawWebSocket.Refused e) {
            return false;
        }
    }
}
