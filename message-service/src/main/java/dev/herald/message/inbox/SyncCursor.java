package dev.herald.message.inbox;

import dev.herald.message.error.HeraldException.InvalidArgument;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a sync continues: the position of the last message it returned, in publish order. Sync orders a receiver's
 * messages by the stream sequence of their events (the order JetStream made them durable), then by id; receipts
 * stored before sequences were recorded count as sequence 0, so they come first, in id order.
 *
 * <p>Clients get it as an opaque token, {@link #encode()}: a version byte, the sequence and the id, base64url without
 * padding (34 characters), so the encoding can change without breaking the cursors clients hold.
 *
 * @param streamSequence the stream sequence of the message's event; 0 when not recorded
 */
public record SyncCursor(long streamSequence, UUID messageId) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Long.BYTES + 2 * Long.BYTES;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public SyncCursor {
        if (streamSequence < 0) {
            throw new IllegalArgumentException("streamSequence: " + streamSequence + " (expected: >= 0)");
        }
    }

    /** The token clients pass back as {@code after}. */
    public String encode() {
        return ENCODER.encodeToString(ByteBuffer.allocate(BYTES).put(VERSION).putLong(streamSequence)
                .putLong(messageId.getMostSignificantBits()).putLong(messageId.getLeastSignificantBits()).array());
    }

    /**
     * The cursor of a token made by {@link #encode()}.
     *
     * @throws InvalidArgument naming {@code field} when the token is not one
     */
    static SyncCursor decode(String token, String field) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw notACursor(field);
        }
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw notACursor(field);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        long sequence = buffer.getLong();
        if (sequence < 0) {
            throw notACursor(field);
        }
        return new SyncCursor(sequence, new UUID(buffer.getLong(), buffer.getLong()));
    }

    static InvalidArgument notACursor(String field) {
        return new InvalidArgument(field, field + " must be the nextAfter of a sync reply, or a message id");
    }
}
