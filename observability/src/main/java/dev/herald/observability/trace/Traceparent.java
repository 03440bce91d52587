package dev.herald.observability.trace;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A W3C Trace Context {@code traceparent} (https://www.w3.org/TR/trace-context/#traceparent-header):
 * {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}, lowercase. The trace id names one request across
 * every service; the span id names the hop that sent it. Herald only logs them (it records no spans), so a new root
 * carries flags {@code 00} (not sampled) and a child keeps its parent's flags.
 *
 * @param traceId 32 lowercase hex digits, not all zeros
 * @param spanId  16 lowercase hex digits, not all zeros
 * @param flags   2 lowercase hex digits
 */
public record Traceparent(String traceId, String spanId, String flags) {

    /** The name of the header, in gRPC metadata and in NATS message headers alike. */
    public static final String HEADER = "traceparent";

    private static final int LENGTH = 55;
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final HexFormat HEX = HexFormat.of();

    public Traceparent {
        requireNonNull(traceId, "traceId");
        requireNonNull(spanId, "spanId");
        requireNonNull(flags, "flags");
        if (!isHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException(
                    "traceId: " + traceId + " (expected: 32 lowercase hex digits, not all 0)");
        }
        if (!isHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("spanId: " + spanId + " (expected: 16 lowercase hex digits, not all 0)");
        }
        if (!isHex(flags, 2)) {
            throw new IllegalArgumentException("flags: " + flags + " (expected: 2 lowercase hex digits)");
        }
    }

    /**
     * Reads a header value strictly: version {@code 00} and exactly its 55 characters, nothing more or less (the
     * value comes from clients and other services, so its length is checked before anything is read from it). Empty
     * when the value is absent or not such a header: callers start a new trace rather than refuse the request.
     */
    public static Optional<Traceparent> parse(@Nullable String value) {
        if (value == null || value.length() != LENGTH) {
            return Optional.empty();
        }
        if (value.charAt(0) != '0' || value.charAt(1) != '0'
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return Optional.empty();
        }
        if (!isHex(value, 3, 35) || !isHex(value, 36, 52) || !isHex(value, 53, 55)) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (traceId.equals(ZERO_TRACE) || spanId.equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(traceId, spanId, value.substring(53, 55)));
    }

    /** A new trace: random ids (never all zeros), not sampled. */
    public static Traceparent newRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = nonZero(random.nextLong());
        return new Traceparent(HEX.toHexDigits(high) + HEX.toHexDigits(low), newSpanId(), "00");
    }

    /** The next hop of the same trace: same trace id and flags, a new span id. */
    public Traceparent child() {
        return new Traceparent(traceId, newSpanId(), flags);
    }

    /** The header value, {@code 00-<trace id>-<span id>-<flags>}. */
    public String format() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public String toString() {
        return format();
    }

    private static String newSpanId() {
        return HEX.toHexDigits(nonZero(ThreadLocalRandom.current().nextLong()));
    }

    private static long nonZero(long value) {
        return value == 0 ? 1 : value;
    }

    /** Whether {@code text} is exactly {@code length} lowercase hex digits. */
    private static boolean isHex(String text, int length) {
        return text.length() == length && isHex(text, 0, length);
    }

    /** Whether {@code text[from, to)} are lowercase hex digits; the caller has checked the length of {@code text}. */
    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
