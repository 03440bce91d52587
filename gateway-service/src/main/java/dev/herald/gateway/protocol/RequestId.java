package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code id} a client put on a request, echoed unchanged on the reply: a JSON string or number, kept as
 * the node that was read so that {@code 7}, {@code 7.0} and {@code "7"} all come back as given.
 */
public record RequestId(JsonNode value) {

    public RequestId {
        requireNonNull(value, "value");
        if (!value.isTextual() && !value.isNumber()) {
            throw new IllegalArgumentException("value: " + value.getNodeType() + " (expected: string or number)");
        }
    }
}
