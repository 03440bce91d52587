package dev.herald.bench.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A minimal RFC 6455 client over a blocking socket, meant to be read by one virtual thread. It does only what the
 * generator needs (text frames, fragmented messages, ping, close; no extensions) and keeps the per-frame work to a
 * copy: the JDK's client decodes every frame to chars through buffers of its own and costs the generator several
 * times more CPU per socket and per frame than the servers it measures (bench/README.md, "What a run does", the client).
 */
final class ClientWebSocket implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int READ_BUFFER_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream(0);
    private volatile boolean closeSent;
    private volatile int serverCloseCode = -1;

    private ClientWebSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /**
     * Connects (from {@code source}, or the address the OS picks when null) and completes the opening handshake.
     *
     * @throws IOException the connection failed, or the server did not answer with a valid upgrade in time
     */
    static ClientWebSocket connect(URI url, @Nullable InetAddress source, Duration timeout) throws IOException {
        requireNonNull(url, "url");
        if (!"ws".equals(url.getScheme())) {
            throw new IllegalArgumentException("url: " + url + " (expected: ws://host:port/path)");
        }
        final int port = url.getPort() < 0 ? 80 : url.getPort();
        final Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress(url.getHost(), port), Math.toIntExact(timeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            final InputStream in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES);
            final String key = Base64.getEncoder().encodeToString(randomBytes(16));
            final String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            final String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
            final String request = "GET " + path + query + " HTTP/1.1\r\n"
                                   + "Host: " + url.getHost() + ":" + port + "\r\n"
                                   + "Upgrade: websocket\r\n"
                                   + "Connection: Upgrade\r\n"
                                   + "Sec-WebSocket-Key: " + key + "\r\n"
                                   + "Sec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            requireUpgrade(readHeader(in), key);
            socket.setSoTimeout(0);
            return new ClientWebSocket(socket, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Blocks until the next whole text message and returns its bytes (UTF-8), or null once the server closed the
     * socket (its close frame is answered). Only one thread may read.
     *
     * @throws IOException the socket failed or the server broke the protocol
     */
    byte @Nullable [] readText() throws IOException {
        while (true) {
            final int first = in.read();
            if (first < 0) {
                return null;
            }
            final int second = readByte();
            final boolean fin = (first & 0x80) != 0;
            final int opcode = first & 0x0F;
            final byte[] payload = readPayload(second);
            switch (opcode) {
                case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
                    if (fin && fragments.size() == 0) {
                        return payload;
                    }
                    fragments.write(payload);
                    if (fin) {
                        final byte[] whole = fragments.toByteArray();
                        fragments.reset();
                        return whole;
                    }
                }
                case OP_PING -> writeFrame(OP_PONG, payload);
                case OP_PONG -> { }
                case OP_CLOSE -> {
                    serverCloseCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    sendClose(payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    return null;
                }
                default -> throw new ProtocolException("unknown opcode " + opcode);
            }
        }
    }

    /** Writes one text frame; safe from any thread (frames never interleave). */
    void sendText(String text) throws IOException {
        writeFrame(OP_TEXT, text.getBytes(UTF_8));
    }

    /** Writes a close frame with {@code code} and {@code reason}, once. */
    void sendClose(int code, String reason) throws IOException {
        final byte[] text = reason.getBytes(UTF_8);
        final byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        sendClose(payload);
    }

    /** The status code of the server's close frame (1005 if it had none), or -1 before one arrived. */
    int serverCloseCode() {
        return serverCloseCode;
    }

    boolean isOpen() {
        return !socket.isClosed() && !closeSent;
    }

    /** Drops the connection without a close frame. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket the generator is done with: nothing to recover.
        }
    }

    private void sendClose(byte[] payload) throws IOException {
        writeLock.lock();
        try {
            if (closeSent) {
                return;
            }
            closeSent = true;
            writeFrameLocked(OP_CLOSE, payload);
        } finally {
            writeLock.unlock();
        }
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        writeLock.lock();
        try {
            writeFrameLocked(opcode, payload);
        } finally {
            writeLock.unlock();
        }
    }

    /** One write call per frame: header, mask and the masked payload in one array. */
    private void writeFrameLocked(int opcode, byte[] payload) throws IOException {
        final int length = payload.length;
        final int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        final byte[] frame = new byte[2 + lengthBytes + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        int at = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | length);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[at++] = (byte) (length >> 8);
            frame[at++] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[at++] = (byte) ((long) length >> shift);
            }
        }
        final int mask = ThreadLocalRandom.current().nextInt();
        final byte[] maskBytes = {(byte) (mask >> 24), (byte) (mask >> 16), (byte) (mask >> 8), (byte) mask};
        System.arraycopy(maskBytes, 0, frame, at, 4);
        at += 4;
        for (int i = 0; i < length; i++) {
            frame[at + i] = (byte) (payload[i] ^ maskBytes[i & 3]);
        }
        out.write(frame);
    }

    private byte[] readPayload(int second) throws IOException {
        final boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new ProtocolException("frame of " + length + " bytes");
        }
        // Servers do not mask their frames (RFC 6455, 5.1), but a masked one is still read correctly.
        final byte @Nullable [] maskBytes = masked ? new byte[4] : null;
        if (maskBytes != null) {
            readFully(maskBytes);
        }
        final byte[] payload = new byte[(int) length];
        readFully(payload);
        if (maskBytes != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= maskBytes[i & 3];
            }
        }
        return payload;
    }

    private int readByte() throws IOException {
        final int b = in.read();
        if (b < 0) {
            throw new EOFException("socket closed inside a frame");
        }
        return b;
    }

    private void readFully(byte[] into) throws IOException {
        int at = 0;
        while (at < into.length) {
            final int n = in.read(into, at, into.length - at);
            if (n < 0) {
                throw new EOFException("socket closed inside a frame");
            }
            at += n;
        }
    }

    /** The response head up to and without the blank line, as ISO-8859-1 text. */
    private static String readHeader(InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("socket closed during the opening handshake");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEADER_BYTES) {
                throw new ProtocolException("handshake response header over " + MAX_HEADER_BYTES + " bytes");
            }
        }
        return head.toString(ISO_8859_1);
    }

    private static void requireUpgrade(String head, String key) throws ProtocolException {
        final String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new ProtocolException("handshake refused: " + lines[0]);
        }
        final String expected = acceptOf(key);
        for (String line : lines) {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                if (line.substring(colon + 1).trim().equals(expected)) {
                    return;
                }
                throw new ProtocolException("handshake: wrong Sec-WebSocket-Accept");
            }
        }
        throw new ProtocolException("handshake: no Sec-WebSocket-Accept");
    }

    static String acceptOf(String key) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    private static byte[] randomBytes(int n) {
        final byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
