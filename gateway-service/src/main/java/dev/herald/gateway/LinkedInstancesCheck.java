package dev.herald.gateway;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.link.LinkRosterState;
import dev.herald.observability.ReadinessCheck;
import java.util.function.Supplier;

/**
 * The gateway is ready when it is linked to every message-service instance it resolved: a socket it accepts may
 * have to be delivered to from any instance, and a user placed on the gateway is announced on every link. Answered
 * from the links' own state, so a probe costs nothing.
 */
final class LinkedInstancesCheck implements ReadinessCheck {

    private final Supplier<LinkRosterState> links;

    LinkedInstancesCheck(Supplier<LinkRosterState> links) {
        this.links = requireNonNull(links, "links");
    }

    @Override
    public Status check() {
        LinkRosterState now = links.get();
        if (now.instances().isEmpty()) {
            return Status.notReady("no message-service instance resolved");
        }
        String detail = now.linked().size() + " of " + now.instances().size() + " message-service links up";
        return now.ready() ? Status.ready(detail) : Status.notReady(detail + "; down: " + String.join(", ", now.unlinked()));
    }
}
