package dev.herald.gateway;

import static java.util.Objects.requireNonNull;

import dev.herald.observability.ReadinessCheck;
import java.util.function.Supplier;

/**
 * The gateway is ready when it is linked to every message-service instance it resolved: a socket it accepts may
 * have to be delivered to from any instance, and a user placed on the gateway is announced on every link. Answered
 * from the links' own state, so a probe costs nothing.
 */
final class LinkedInstancesCheck implements ReadinessCheck {

    /**
     * The links at one moment.
     *
     * @param resolved the message-service instances the targets resolve to
     * @param up       of those, the ones whose link is up (the instance acknowledged the hello)
     */
    record Links(int resolved, int up) {}

    private final Supplier<Links> links;

    LinkedInstancesCheck(Supplier<Links> links) {
        this.links = requireNonNull(links, "links");
    }

    @Override
    public Status check() {
        Links now = links.get();
        if (now.resolved() == 0) {
            return Status.notReady("no message-service instance resolved");
        }
        String detail = now.up() + " of " + now.resolved() + " message-service links up";
        return now.up() >= now.resolved() ? Status.ready(detail) : Status.notReady(detail);
    }
}
