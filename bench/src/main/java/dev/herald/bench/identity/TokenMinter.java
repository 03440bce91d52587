package dev.herald.bench.identity;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.herald.devidp.DevTokenIssuer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Mints Herald development tokens in-process for users {@code <prefix>1 .. <prefix>N}. RS256 signing costs about
 * a millisecond, so a slice is signed on all cores.
 */
public final class TokenMinter {

    private static final Duration TTL = Duration.ofHours(2);

    private final DevTokenIssuer issuer;
    private final String prefix;

    public TokenMinter(DevTokenIssuer issuer, String prefix) {
        this.issuer = requireNonNull(issuer, "issuer");
        this.prefix = requireNonNull(prefix, "prefix");
    }

    /** Users number {@code from + 1} to {@code to} (user {@code i} of the run has id {@code prefix + (i + 1)}). */
    public List<BenchUser> mint(int from, int to) {
        checkArgument(from >= 0 && from <= to, "from: %s, to: %s (expected: 0 <= from <= to)", from, to);
        return IntStream.range(from, to).parallel()
                .mapToObj(i -> {
                    final String id = prefix + (i + 1);
                    return new BenchUser(id, id, issuer.issue(id, id, false, TTL));
                })
                .toList();
    }
}
