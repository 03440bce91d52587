package dev.herald.gateway.transport;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;

/**
 * Reads the frame headers of the bytes a client sends, before Tyrus parses them, and refuses a message as soon as
 * a header announces more payload than the limit allows (a fragmented message counts all its fragments), so
 * that no oversized frame is ever buffered, whatever length it announces. Tyrus buffers a whole frame before
 * parsing it and, past its incoming buffer, closed with 1011 "Buffer overflow." instead of 1009.
 *
 * <p>Bytes go on to Tyrus in order, as slices of at most the limit, so Tyrus never holds more than one partial
 * frame plus one slice. A header is held back until it is complete, so Tyrus never sees part of a refused one.
 * After a refusal only close frames go on (so the client's answer to the 1009 completes the closing
 * handshake); every other byte is counted and dropped. One guard per socket; not thread-safe (Grizzly reads a
 * connection one read at a time).
 *
 * <p>The limit may change (it grows when the socket signs in); it is read afresh at every read.
 */
final class FrameSizeGuard {

    /** Where the bytes of a read go, in order. */
    interface Sink {

        /** Bytes Tyrus may parse; the buffer is not touched again by the guard. */
        void forward(ByteBuffer bytes);

        /** A message over {@code limit}: close the socket with 1009. Called at most once. */
        void refuse(int limit);
    }

    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    /** 2 bytes, 8 of extended length, 4 of masking key. */
    private static final int MAX_HEADER_BYTES = 14;

    private final IntSupplier limit;
    private int maxMessageBytes;
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private int headerFilled;
    private long payloadLeft;
    private boolean forwardingPayload;
    private long messageBytes;
    private boolean refused;

    FrameSizeGuard(int maxMessageBytes) {
        this(() -> maxMessageBytes);
    }

    /** With the limit {@code limit} gives at the moment (always > 0). */
    FrameSizeGuard(IntSupplier limit) {
        this.limit = limit;
        this.maxMessageBytes = positive(limit.getAsInt());
    }

    /** Reads {@code bytes} (position to limit) and hands them on to {@code sink}. */
    void read(ByteBuffer bytes, Sink sink) {
        maxMessageBytes = positive(limit.getAsInt());
        int position = bytes.position();
        int end = bytes.limit();
        int run = -1; // start of the bytes to forward that end at position, or -1
        while (position < end) {
            if (payloadLeft > 0) {
                int payload = (int) Math.min(payloadLeft, end - position);
                if (!forwardingPayload) {
                    forward(bytes, run, position, sink);
                    run = -1;
                } else if (run < 0) {
                    run = position;
                }
                position += payload;
                payloadLeft -= payload;
                continue;
            }
            int headerStart = position;
            boolean heldOver = headerFilled > 0; // then this read starts with its rest, and run is -1
            while (position < end && headerFilled < headerLength()) {
                header[headerFilled++] = bytes.get(position++);
            }
            if (headerFilled < headerLength()) {
                forward(bytes, run, headerStart, sink); // the header waits for the next read
                return;
            }
            Decision decision = decide();
            if (decision != Decision.FORWARD) {
                forward(bytes, run, headerStart, sink);
                run = -1;
                if (decision == Decision.REFUSE) {
                    sink.refuse(maxMessageBytes);
                }
            } else if (heldOver) {
                sink.forward(ByteBuffer.wrap(header.clone(), 0, headerFilled));
            } else if (run < 0) {
                run = headerStart;
            }
            headerFilled = 0;
        }
        forward(bytes, run, position, sink);
    }

    private enum Decision { FORWARD, DROP, REFUSE }

    /** Decides on the frame whose header is complete, and sets up the reading of its payload. */
    private Decision decide() {
        int opcode = header[0] & 0x0f;
        long length = payloadLength();
        payloadLeft = length;
        if (refused) {
            forwardingPayload = opcode == CLOSE && length <= maxMessageBytes;
            return forwardingPayload ? Decision.FORWARD : Decision.DROP;
        }
        boolean control = (opcode & 0x8) != 0;
        // Both terms are checked against the limit, so the sum cannot overflow.
        long total = length > maxMessageBytes ? length
                : (control || opcode != CONTINUATION ? 0 : messageBytes) + length;
        if (total > maxMessageBytes) {
            refused = true;
            forwardingPayload = false;
            return Decision.REFUSE;
        }
        if (!control) {
            boolean fin = (header[0] & 0x80) != 0;
            messageBytes = fin ? 0 : total;
        }
        forwardingPayload = true;
        return Decision.FORWARD;
    }

    private static int positive(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: > 0)");
        }
        return maxMessageBytes;
    }

    /** The header's full length, known once its second byte is in. */
    private int headerLength() {
        if (headerFilled < 2) {
            return 2;
        }
        int code = header[1] & 0x7f;
        int extended = code == 126 ? 2 : code == 127 ? 8 : 0;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extended + mask;
    }

    /** The announced payload length; a 64-bit length with its top bit set counts as the largest. */
    private long payloadLength() {
        int code = header[1] & 0x7f;
        if (code < 126) {
            return code;
        }
        int bytes = code == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (header[2 + i] & 0xff);
        }
        return length < 0 ? Long.MAX_VALUE : length;
    }

    /** Forwards {@code [from, to)} of {@code bytes} in slices of at most the limit; nothing when {@code from < 0}. */
    private void forward(ByteBuffer bytes, int from, int to, Sink sink) {
        if (from < 0) {
            return;
        }
        for (int start = from; start < to; start += maxMessageBytes) {
            sink.forward(bytes.slice(start, Math.min(maxMessageBytes, to - start)));
        }
    }
}
