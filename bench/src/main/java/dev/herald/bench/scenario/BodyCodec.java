package dev.herald.bench.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * Message bodies {@code "<send nanoTime>|<seq>|<padding>"}, padded with {@code x} to at least {@code bodyBytes}
 * characters (all ASCII, so bytes). The seq makes every body of a run distinct, which the persistence check uses
 * to find duplicated rows.
 */
public final class BodyCodec {

    private final int bodyBytes;
    private final String padding;

    public BodyCodec(int bodyBytes) {
        checkArgument(bodyBytes >= 0, "bodyBytes: %s (expected: >= 0)", bodyBytes);
        this.bodyBytes = bodyBytes;
        this.padding = "x".repeat(bodyBytes);
    }

    public String encode(long sendNanos, long seq) {
        final String head = sendNanos + "|" + seq + '|';
        final int pad = bodyBytes - head.length();
        return pad <= 0 ? head : head + padding.substring(0, pad);
    }

    /** The stamp of a body written by {@link #encode}; empty for any other text. */
    public static Optional<Stamp> decode(String body) {
        final int first = body.indexOf('|');
        final int second = first < 0 ? -1 : body.indexOf('|', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stamp(Long.parseLong(body, 0, first, 10),
                                         Long.parseLong(body, first + 1, second, 10)));
        } catch (NumberFormatException e) {
            // Someone else's body that happens to contain two bars.
            return Optional.empty();
        }
    }
}
