package dev.herald.gateway.link;

import java.util.List;

/**
 * What the gateway's links look like right now, for readiness and link metrics: the message-service instances the
 * targets resolve to and which of them are linked (their link's hello acknowledged).
 *
 * @param instances every resolved instance, {@code ip:port} (or the configured literal), in resolution order
 * @param linked    the instances among them whose link is up
 */
public record LinkRosterState(List<String> instances, List<String> linked) {

    public LinkRosterState {
        instances = List.copyOf(instances);
        linked = List.copyOf(linked);
    }

    /** Ready to serve: at least one instance is known, and every known instance is linked. */
    public boolean ready() {
        return !instances.isEmpty() && linked.containsAll(instances);
    }

    /** The resolved instances whose link is not up: what a readiness answer names. */
    public List<String> unlinked() {
        return instances.stream().filter(instance -> !linked.contains(instance)).toList();
    }
}
