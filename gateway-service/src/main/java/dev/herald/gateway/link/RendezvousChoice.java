package dev.herald.gateway.link;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * Picks, for a user, the same message-service instance on every gateway: rendezvous (highest random weight)
 * hashing of the user over the instances' targets, so that the instance that pushes a user's presence notices and
 * throttles the user's typing is one, without the instances knowing each other. Ranking every target (not only
 * the winner) lets a caller fall back in the same order on every gateway when the first choice is down.
 */
public final class RendezvousChoice {

    private final List<String> targets;

    /** @param targets the configured instance targets, e.g. {@code host:port} */
    public RendezvousChoice(List<String> targets) {
        this.targets = List.copyOf(targets);
    }

    /** The targets from first to last choice for the user. */
    public List<String> ranked(String userId) {
        return targets.stream()
                .sorted(Comparator.comparingLong((String target) -> weight(target, userId)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static long weight(String target, String userId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(target.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(userId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
