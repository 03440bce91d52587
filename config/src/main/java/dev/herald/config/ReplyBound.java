package dev.herald.config;

/**
 * How large a paged reply of the message-service may grow, by one rule for both services: {@code
 * HERALD_MAX_REPLY_BYTES}. The message-service stops every page before the message that would take its serialized
 * (protobuf) reply past it, always returning at least one message; every gRPC end (the message-service's server,
 * the gateway's channels, tests and tools) accepts messages up to {@link #grpcMaxMessageBytes()}, the bound plus
 * room for one message alone, so the largest reply always fits. Set the same value on every gateway and
 * message-service.
 *
 * @param maxReplyBytes the bound in serialized protobuf bytes
 */
public record ReplyBound(int maxReplyBytes) {

    public static final String VARIABLE = "HERALD_MAX_REPLY_BYTES";
    public static final int DEFAULT_BYTES = 1 << 20;
    public static final int MIN_BYTES = 64 << 10;
    public static final int MAX_BYTES = 64 << 20;
    /**
     * Room for the one message a page returns even when it alone passes the bound: a body at the most
     * {@code HERALD_MAX_BODY_BYTES} allows (1 MiB), a title of 65,536 characters in 4-byte UTF-8 (256 KiB), 100
     * receivers and, in a sender's view, a receipt per receiver (1,000 by default, ids up to 255 characters):
     * about 2.5 MiB at worst, rounded up. Also at least gRPC's own default (4 MiB), so nothing it accepted before is
     * refused now.
     */
    public static final int ONE_MESSAGE_BYTES = 4 << 20;

    public ReplyBound {
        if (maxReplyBytes < MIN_BYTES || maxReplyBytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "maxReplyBytes: " + maxReplyBytes + " (expected: " + MIN_BYTES + ".." + MAX_BYTES + ")");
        }
    }

    /** The bound every service uses when {@value #VARIABLE} is not set. */
    public static ReplyBound defaults() {
        return new ReplyBound(DEFAULT_BYTES);
    }

    /** @throws ConfigException naming {@value #VARIABLE} when it is set but not a whole number in range */
    public static ReplyBound read(Env env) {
        return new ReplyBound(env.integer(VARIABLE, DEFAULT_BYTES, MIN_BYTES, MAX_BYTES));
    }

    /** The largest gRPC message either end accepts: the bound plus one message alone. */
    public int grpcMaxMessageBytes() {
        return maxReplyBytes + ONE_MESSAGE_BYTES;
    }
}
