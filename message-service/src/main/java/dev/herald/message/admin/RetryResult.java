package dev.herald.message.admin;

import java.util.List;

/**
 * What a retry did: the dead letters published again (and deleted), and what the request named that is no dead
 * letter.
 */
public record RetryResult(List<Retried> retried, List<Long> unknownIds, List<Long> unknownStreamSequences) {

    /** A dead letter published again at {@code newStreamSequence}, then deleted. */
    public record Retried(long id, long streamSequence, long newStreamSequence) {}

    public RetryResult {
        retried = List.copyOf(retried);
        unknownIds = List.copyOf(unknownIds);
        unknownStreamSequences = List.copyOf(unknownStreamSequences);
    }
}
