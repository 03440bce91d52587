package dev.herald.message.batch;

import java.util.List;
import java.util.UUID;

/**
 * What a batch operation did: the messages it changed (in the order the request named them) and the ids it did not
 * know (not the caller's, no longer in view, or not ids at all). An id found with nothing to change (marking a read
 * message read) is in neither list.
 */
public record BatchResult(List<UUID> changed, List<String> unknown) {

    public BatchResult {
        changed = List.copyOf(changed);
        unknown = List.copyOf(unknown);
    }

    public List<String> changedIds() {
        return changed.stream().map(UUID::toString).toList();
    }
}
