package dev.herald.gateway;


import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain TCP (or TLS) socket with a tiny receive buffer, that reads only when told to: unlike
 * a library client it can play a consumer that stops reading.
 */
final class RawWebSocket implements AutoCloseable {

    /** A frame as received: opcode and payload. */
    record Frame(int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** The gateway did not upgrade: it answered {@code head} (empty when it closed without a word). */
    static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;
        final String head;

        Refused(String head, @Nullable Throwable cause) {
            super("refused: " + (head.isEmpty() ? "connection closed without an answer" : head.lines().findFirst()
                    .orElse("")), cause);
            this.head = head;
        }
    }

    static RawWebSocket connect(int port) throws IOException {
        return connectFrom(port, "127.0.0.1", Map.of());
    }

    /**
     * Connects from {@code source} (any 127.x.y.z works on loopback) with {@code headers} on the upgrade request.
     *
     * @throws Refused when the gateway answers anything but 101 or closes the connection
     */
    static RawWebSocket connectFrom(int port, String source, Map<String, String> headers) throws IOException {
        return upgrade(new Socket(), port, source, headers);
    }

    /** The same over TLS ({@code wss}), trusting what {@code tls} trusts. */
    static RawWebSocket connectTls(int port, SSLContext tls) throws IOException {
        return upgrade(tls.getSocketFactory().createSocket(), port, "127.0.0.1", Map.of());
    }

    private static RawWebSocket upgrade(Socket socket, int port, String source, Map<String, String> headers)
            throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(10_000);
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        RawWebSocket client = new RawWebSocket(socket);
        StringBuilder extra = new StringBuilder();
        headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
        StringBuilder head = new StringBuilder();
        try {
            client.out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + extra + "\r\n").getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            client.readHead(head);
        } catch (IOException closed) { // EOF, or a reset when the request reached a closed connection
            socket.close();
            throw new Refused(head.toString(), closed);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new Refused(head.toString(), null);
        }
        return client;
    }

    /** Sends a masked pong, as a client answers a ping. */
    void sendPong() throws IOException {
        out.write(0x80 | PONG);
        out.write(0x80);
        out.write(new byte[4]);
        out.flush();
    }

    /** Sends a masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x80 | TEXT);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /**
     * Sends a frame header announcing {@code length} payload bytes, masked with a zero key (so payload bytes go
     * as they are); {@link #sendPayload} sends as many of them as a test wants.
     */
    void sendHeader(int opcode, boolean fin, long length) throws IOException {
        out.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xffff) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8));
            out.write((int) (length & 0xff));
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xff);
            }
        }
        out.write(new byte[4]);
        out.flush();
    }

    /** Sends {@code length} payload bytes ('x') of a frame whose header went with {@link #sendHeader}. */
    void sendPayload(long length) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (long left = length; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.flush();
    }

    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    private void readHead(StringBuilder head) throws IOException {
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
    }



    @Override
    public void close() throws IOException {
        socket.close();
    }
}
