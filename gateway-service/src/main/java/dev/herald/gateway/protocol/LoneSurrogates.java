package dev.herald.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds text that is not Unicode: a JSON escape such as {@code "\ud800"} decodes to a lone UTF-16 surrogate, which
 * no UTF-8 encoder can write. Protobuf would silently turn it into {@code ?}, so what was acked would not be what is
 * stored; the gateway refuses it instead, naming the field.
 */
final class LoneSurrogates {

    private LoneSurrogates() {}

    /**
     * The top-level field of {@code data} whose text, at any depth, holds a lone surrogate. (Jackson already refuses
     * one in a field name as malformed JSON.)
     */
    static Optional<String> firstFieldWithOne(JsonNode data) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (holdsOne(field.getValue())) {
                return Optional.of(field.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean holdsOne(JsonNode node) {
        if (node.isTextual()) {
            return hasOne(node.textValue());
        }
        for (JsonNode child : node) { // the values of an object, the elements of an array
            if (holdsOne(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOne(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
