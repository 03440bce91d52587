package dev.herald.bench.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client against a hand-written server on a real socket, so every frame shape is under the test's control. */
class ClientWebSocketTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void acceptOfMatchesTheRfcExample() {
        assertThat(ClientWebSocket.acceptOf("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void readsWholeFragmentedAndLongMessagesAnswersPingsAndEndsOnClose() throws Exception {
        final String longText = "x".repeat(70_000); // a 64-bit length
        final String mediumText = "é".repeat(200); // a 16-bit length, two bytes a char
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            final CompletableFuture<byte[]> pong = CompletableFuture.supplyAsync(() -> serve(server, (in, out) -> {
                writeFrame(out, 0x81, "hello".getBytes(UTF_8));
                writeFrame(out, 0x01, "frag".getBytes(UTF_8)); // text, not final
                writeFrame(out, 0x89, "are you there".getBytes(UTF_8)); // ping between fragments
                writeFrame(out, 0x80, "mented".getBytes(UTF_8)); // final continuation
                writeFrame(out, 0x81, mediumText.getBytes(UTF_8));
                writeFrame(out, 0x81, longText.getBytes(UTF_8));
                final byte[] answer = readClientFrame(in);
                writeFrame(out, 0x88, new byte[] {0x03, (byte) 0xE8});
                return answer;
            }));
            try (ClientWebSocket socket = ClientWebSocket.connect(url(server), null, TIMEOUT)) {
                assertThat(text(socket.readText())).isEqualTo("hello");
                assertThat(text(socket.readText())).isEqualTo("fragmented");
                assertThat(text(socket.readText())).isEqualTo(mediumText);
                assertThat(text(socket.readText())).isEqualTo(longText);
                assertThat(socket.readText()).isNull();
                assertThat(socket.serverCloseCode()).isEqualTo(1000);
                assertThat(socket.isOpen()).isFalse();
            }
            final byte[] answer = pong.get(5, TimeUnit.SECONDS);
            assertThat(answer[0]).as("a final pong").isEqualTo((byte) 0x8A);
            assertThat(new String(answer, 1, answer.length - 1, UTF_8)).isEqualTo("are you there");
        }
    }

    @Test
    void framesItSendsAreMaskedAndDecodeToTheText() throws Exception {
        final String sent = "{\"event\":\"online\"} ü";
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            final CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(
                    () -> serve(server, (in, out) -> readClientFrame(in)));
            try (ClientWebSocket socket = ClientWebSocket.connect(url(server), null, TIMEOUT)) {
                socket.sendText(sent);
                final byte[] frame = received.get(5, TimeUnit.SECONDS);
                assertThat(frame[0]).isEqualTo((byte) 0x81);
                assertThat(new String(frame, 1, frame.length - 1, UTF_8)).isEqualTo(sent);
            }
        }
    }

    @Test
    void aRefusedUpgradeIsAnError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    readHead(s.getInputStream());
                    s.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(ISO_8859_1));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThatThrownBy(() -> ClientWebSocket.connect(url(server), null, TIMEOUT))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("403");
        }
    }

    private interface Script<T> {
        T run(DataInputStream in, OutputStream out) throws IOException;
    }

    /** Accepts one connection, answers the upgrade with the right accept key, then runs {@code script}. */
    private static <T> T serve(ServerSocket server, Script<T> script) {
        try (Socket s = server.accept()) {
            final DataInputStream in = new DataInputStream(s.getInputStream());
            final String head = readHead(in);
            final String key = head.lines().filter(l -> l.startsWith("Sec-WebSocket-Key:")).findFirst().orElseThrow()
                    .substring("Sec-WebSocket-Key:".length()).trim();
            s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                       + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + ClientWebSocket.acceptOf(key)
                                       + "\r\n\r\n").getBytes(ISO_8859_1));
            return script.run(in, s.getOutputStream());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        return head.toString(ISO_8859_1);
    }

    /** An unmasked server frame with the shortest length encoding. */
    private static void writeFrame(OutputStream out, int firstByte, byte[] payload) throws IOException {
        out.write(firstByte);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift));
            }
        }
        out.write(payload);
        out.flush();
    }

    /** One client frame: its first byte followed by the unmasked payload; fails if the frame is not masked. */
    private static byte[] readClientFrame(DataInputStream in) throws IOException {
        final int first = in.readUnsignedByte();
        final int second = in.readUnsignedByte();
        assertThat(second & 0x80).as("client frames are masked").isNotZero();
        int length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        final byte[] mask = in.readNBytes(4);
        final byte[] payload = in.readNBytes(length);
        final byte[] frame = new byte[1 + length];
        frame[0] = (byte) first;
        for (int i = 0; i < length; i++) {
            frame[1 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private static URI url(ServerSocket server) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
