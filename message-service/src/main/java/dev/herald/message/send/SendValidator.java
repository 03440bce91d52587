package dev.herald.message.send;

import dev.herald.message.error.HeraldException.InvalidArgument;
import dev.herald.message.text.StorableText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a send request against the limits and against what the schema stores, so that whatever is acked can be
 * stored as it is; each failure names its field. Lengths are in code points, as PostgreSQL counts them.
 */
final class SendValidator {

    private final SendLimits limits;

    SendValidator(SendLimits limits) {
        this.limits = limits;
    }

    /** @return the receivers, deduplicated in the order given */
    List<String> validate(SendCommand request) {
        if (request.receivers().isEmpty()) {
            throw new InvalidArgument("receivers", "receivers must not be empty");
        }
        Set<String> receivers = new LinkedHashSet<>();
        for (String receiver : request.receivers()) {
            if (receiver.isBlank()) {
                throw new InvalidArgument("receivers", "receivers must not contain an empty id");
            }
            StorableText.require("receivers", receiver, StorableText.MAX_ID_CHARS, "a receiver id is");
            receivers.add(receiver);
        }
        if (receivers.size() > limits.maxReceivers()) {
            throw new InvalidArgument("receivers", "too many receivers: " + receivers.size()
                    + " (at most " + limits.maxReceivers() + ")");
        }
        if (request.body().isBlank()) {
            throw new InvalidArgument("body", "body must not be empty");
        }
        StorableText.require("body", request.body());
        int bodyBytes = request.body().getBytes(StandardCharsets.UTF_8).length;
        if (bodyBytes > limits.maxBodyBytes()) {
            throw new InvalidArgument("body", "body too large: " + bodyBytes + " bytes (at most "
                    + limits.maxBodyBytes() + ")");
        }
        StorableText.require("title", request.title(), limits.maxTitleChars(), "title");
        StorableText.require("type", request.type(), StorableText.MAX_ID_CHARS, "type");
        StorableText.require("clientId", request.clientId(), limits.maxClientIdChars(),
                "clientId");
        return List.copyOf(receivers);
    }
}
