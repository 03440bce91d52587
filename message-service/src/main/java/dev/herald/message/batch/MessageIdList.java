package dev.herald.message.batch;

import dev.herald.message.error.HeraldException.InvalidArgument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ids of a batch operation: at most the configured number, deduplicated. Strings that are not
 * UUIDs cannot name a message, so they are reported as unknown rather than failing the batch.
 */
public record MessageIdList(List<UUID> ids, List<String> malformed) {

    public MessageIdList {
        ids = List.copyOf(ids);
        malformed = List.copyOf(malformed);
    }

    public static MessageIdList parse(List<String> raw, int maxIds) {
        if (raw.isEmpty()) {
            throw new InvalidArgument("ids", "ids must not be empty");
        }
        if (raw.size() > maxIds) {
            throw new InvalidArgument("ids", "too many ids: " + raw.size() + " (at most " + maxIds + ")");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        List<String> malformed = new ArrayList<>();
        for (String id : raw) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                malformed.add(id);
            }
        }
        return new MessageIdList(new ArrayList<>(ids), malformed);
    }

    /** The ids not in {@code found}, as strings, followed by the malformed ones. */
    public List<String> unknownAmong(Set<UUID> found) {
        List<String> unknown = new ArrayList<>();
        for (UUID id : ids) {
            if (!found.contains(id)) {
                unknown.add(id.toString());
            }
        }
        unknown.addAll(malformed);
        return unknown;
    }

    /** The ids in {@code subset}, in the order the request named them. */
    public List<UUID> inRequestOrder(Set<UUID> subset) {
        return ids.stream().filter(subset::contains).toList();
    }
}
