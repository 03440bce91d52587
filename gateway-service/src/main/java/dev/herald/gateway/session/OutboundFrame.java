package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server-to-client WebSocket text frame (RFC 6455 §5.2: FIN, opcode 1, unmasked), header and UTF-8 payload
 * encoded once into a read-only buffer. Any number of sockets may write the same frame: each gets its own view of
 * the shared bytes, so a delivery to 999 sockets costs one encoding and no per-socket copy in Java. A frame for
 * many sockets is {@linkplain #shared direct}, which spares the JDK's copy of a heap buffer into a temporary direct
 * one on every write; a frame for one socket stays on the heap, where it is cheaper to allocate and free than
 * native memory that waits for a collection to be released.
 */
public final class OutboundFrame {

    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;

    private final ByteBuffer bytes;
    private final int payloadLength;

    private OutboundFrame(ByteBuffer bytes, int payloadLength) {
        this.bytes = bytes;
        this.payloadLength = payloadLength;
    }

    /** A final text frame for one socket carrying {@code utf8}, which must be valid UTF-8 (the codec's is). */
    public static OutboundFrame text(byte[] utf8) {
        return encode(utf8, false);
    }

    /** The same frame in a direct buffer, for writing to many sockets. */
    static OutboundFrame shared(byte[] utf8) {
        return encode(utf8, true);
    }

    private static OutboundFrame encode(byte[] utf8, boolean direct) {
        requireNonNull(utf8, "utf8");
        int length = utf8.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = direct ? ByteBuffer.allocateDirect(header + length) : ByteBuffer.allocate(header + length);
        frame.put((byte) FIN_TEXT);
        if (length <= 125) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) LENGTH_16).putShort((short) length);
        } else {
            frame.put((byte) LENGTH_64).putLong(length);
        }
        frame.put(utf8).flip();
        return new OutboundFrame(frame.asReadOnlyBuffer(), length);
    }

    /** A fresh view of the whole frame (position 0); writing it does not move any other socket's view. */
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    int payloadLength() {
        return payloadLength;
    }

    /** The whole frame in bytes, header included: what it holds until written. */
    int size() {
        return bytes.remaining();
    }

    /** The payload decoded again (tests read what a frame carries with it). */
    String payloadText() {
        ByteBuffer view = bytes();
        view.position(view.limit() - payloadLength);
        return StandardCharsets.UTF_8.decode(view).toString();
    }

    @Override
    public String toString() {
        return "OutboundFrame[" + payloadLength + " bytes]";
    }
}
