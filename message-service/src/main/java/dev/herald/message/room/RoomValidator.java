package dev.herald.message.room;

import dev.herald.message.error.HeraldException.InvalidArgument;
import dev.herald.message.text.StorableText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks room requests against the limits and against what the schema stores, so that whatever is acked can be
 * stored as it is; each failure names its field. Lengths are in code points, as PostgreSQL counts them.
 */
final class RoomValidator {

    static final int MAX_NAME_CHARS = 256;
    static final int MAX_TOPIC_CHARS = 1024;

    private final int maxMembersPerCall;

    RoomValidator(int maxMembersPerCall) {
        this.maxMembersPerCall = maxMembersPerCall;
    }

    void name(String name) {
        if (name.isBlank()) {
            throw new InvalidArgument("name", "name must not be empty");
        }
        StorableText.require("name", name, MAX_NAME_CHARS, "name");
    }

    void topic(String topic) {
        StorableText.require("topic", topic, MAX_TOPIC_CHARS, "topic");
    }

    /** A name prefix filter: empty, or what a name could start with. */
    void namePrefix(String prefix) {
        StorableText.require("name_prefix", prefix, MAX_NAME_CHARS, "name_prefix");
    }

    /**
     * @param required whether the list may be empty
     * @return the user ids, deduplicated in the order given
     */
    List<String> userIds(List<String> userIds, String field, boolean required) {
        if (required && userIds.isEmpty()) {
            throw new InvalidArgument(field, field + " must not be empty");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : userIds) {
            if (id.isBlank()) {
                throw new InvalidArgument(field, field + " must not contain an empty id");
            }
            StorableText.require(field, id, StorableText.MAX_ID_CHARS, "a user id is");
            distinct.add(id);
        }
        if (distinct.size() > maxMembersPerCall) {
            throw new InvalidArgument(field, "too many users: " + distinct.size() + " (at most "
                    + maxMembersPerCall + " per call)");
        }
        return List.copyOf(distinct);
    }
}
