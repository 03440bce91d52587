package dev.herald.message.send;

import dev.herald.message.error.HeraldException.InvalidArgument;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks a send request against the limits; each failure names its field. */
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
            receivers.add(receiver);
        }
        if (receivers.size() > limits.maxReceivers()) {
            throw new InvalidArgument("receivers", "too many receivers: " + receivers.size()
                    + " (at most " + limits.maxReceivers() + ")");
        }
        if (request.body().isBlank()) {
            throw new InvalidArgument("body", "body must not be empty");
        }
        int bodyBytes = request.body().getBytes(StandardCharsets.UTF_8).length;
        if (bodyBytes > limits.maxBodyBytes()) {
            throw new InvalidArgument("body", "body too large: " + bodyBytes + " bytes (at most "
                    + limits.maxBodyBytes() + ")");
        }
        if (request.title().length() > limits.maxTitleChars()) {
            throw new InvalidArgument("title", "title too long (at most " + limits.maxTitleChars() + " characters)");
        }
        if (request.type().length() > 255) {
            throw new InvalidArgument("type", "type too long (at most 255 characters)");
        }
        if (request.clientId().length() > limits.maxClientIdChars()) {
            throw new InvalidArgument("clientId", "clientId too long (at most "
                    + limits.maxClientIdChars() + " characters)");
        }
        return List.copyOf(receivers);
    }
}
