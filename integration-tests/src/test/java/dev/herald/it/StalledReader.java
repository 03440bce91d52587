package dev.herald.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain TCP socket that reads only when told to: between {@link #sendText} calls it reads
 * nothing, so once its small receive buffer and the gateway's send buffer are full, every frame the gateway has for
 * it waits in the gateway. The attacker of the slow-reader case in issue 12.
 */
final class StalledReader implements AutoCloseable {

    /** The close frame the gateway sent, as read. */
    record Close(int code, String reason) {}

    /** What {@link #drainUntilClose} read. */
    record Drained(long bytes, Optional<Close> close) {}

    private static final int RECEIVE_BUFFER = 16 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private StalledReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades to a WebSocket; reads the 101 response and nothing after it. */
    static StalledReader connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(RECEIVE_BUFFER); // before connect, so the window is small from the start
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        StalledReader reader = new StalledReader(socket);
        reader.upgrade(port);
        return reader;
    }

    /** Sends a masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length <= 125) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads one frame's payload as text (only before the reader stalls: the {@code online} ack). */
    String readText() throws IOException {
        socket.setSoTimeout(10_000);
        int opcode = in.readUnsignedByte() & 0x0F;
        byte[] payload = new byte[Math.toIntExact(payloadLength())];
        in.readFully(payload);
        if (opcode != 0x1) {
            throw new IOException("expected a text frame, got opcode " + opcode);
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * Starts reading again: skips every data frame until the close frame, the end of the stream, or {@code quiet}
     * without a byte.
     */
    Drained drainUntilClose(Duration quiet) throws IOException {
        socket.setSoTimeout(Math.toIntExact(quiet.toMillis()));
        long bytes = 0;
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = payloadLength();
                bytes += length;
                if (opcode == 0x8) {
                    byte[] payload = new byte[Math.toIntExact(length)];
                    in.readFully(payload);
                    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                    return new Drained(bytes, Optional.of(new Close(code,
                            new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8))));
                }
                in.skipNBytes(length);
            }
        } catch (SocketTimeoutException | EOFException e) {
            // Quiet for too long, or the connection ended without a close frame: there is none to report.
            return new Drained(bytes, Optional.empty());
        }
    }

    private long payloadLength() throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        return length;
    }

    private void upgrade(int port) throws IOException {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            response.append((char) in.readUnsignedByte()); // byte by byte: not one byte past the headers
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + response);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
