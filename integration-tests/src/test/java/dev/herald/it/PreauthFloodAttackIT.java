package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attacker on one address (loopback) opens WebSockets at 500/s and never signs in, holding every one it gets: at most HERALD_PREAUTH_PER_ADDRESS (256) stay open, the rest are closed at accept, and the bystander
 * pair keeps messaging; a user from another address signs in during the flood.
 */
class PreauthFloodAttackIT {

    private static final int ATTEMPTS = 1_500;
    /**
     * One attempt every 2 ms (500/s, 3 s: the bystander's whole run). The attacker runs in the gateway's own JVM on
     * two cores, so an unpaced loop would measure the attacker's CPU, not the gateway's defence.
     */
    private static final Duration PACE = Duration.ofMillis(2);
    private static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void aFloodOfSocketsThatNeverSignInHoldsAtMostTheCapAndOthersAreServed() throws Exception {
        Bystander bystander = Bystander.start(stack);
        List<Socket> held = new ArrayList<>();
        int refused = 0;
        long started = System.nanoTime();
        try {
            long next = System.nanoTime();
            for (int i = 0; i < ATTEMPTS; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += PACE.toNanos();
                Socket socket = upgrade("127.0.0.1");
                if (socket == null) {
                    refused++;
                } else {
                    held.add(socket);
                }
            }
            long floodMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(signsInFrom("127.0.0.2")).as("a user from another address, during the flood")
                    .startsWith("{\"event\":\"ack\"");
            System.out.println("pre-auth flood: " + ATTEMPTS + " attempts in " + floodMillis + " ms, " + held.size()
                    + " held open, " + refused + " closed at accept");

            assertThat(held).hasSize(256);
            assertThat(refused).isEqualTo(ATTEMPTS - 256);
            bystander.finish();
        } finally {
            bystander.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Socket again = upgrade("127.0.0.1");
            if (again != null) {
                again.close();
            }
            return again != null;
        });
    }

    /** Connects from {@code source}, sends {@code online} and returns the answer (Tyrus cannot pick its source). */
    private static String signsInFrom(String source) throws IOException {
        try (Socket socket = upgrade(source)) {
            assertThat(socket).as("upgraded from %s", source).isNotNull();
            String token = stack.token("flood-other-" + UUID.randomUUID().toString().substring(0, 8), "Other");
            byte[] payload = ("{\"event\":\"online\",\"id\":\"o\",\"data\":{\"token\":\"" + token + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81); // a final text frame, masked with a zero key as a client must mask
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
            frame.write(new byte[4]);
            frame.write(payload);
            socket.getOutputStream().write(frame.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            byte[] answer = new byte[length];
            in.readFully(answer);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    /** A WebSocket upgrade from {@code source} that sends nothing after; null when the gateway refused it. */
    private static Socket upgrade(String source) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", stack.gateway.port()));
        try {
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    if (head.toString().startsWith("HTTP/1.1 101")) {
                        return socket;
                    }
                    break;
                }
            }
        } catch (IOException closedAtAccept) {
            // A reset: the request reached a connection the gateway had closed at accept.
        }
        socket.close();
        return null;
    }
}
