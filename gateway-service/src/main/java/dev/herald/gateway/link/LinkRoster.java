package dev.herald.gateway.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The links of the moment, kept in step with the instances the targets resolve to: one active link per instance
 * (the links that take unary calls and announce users), plus the links of instances gone from the answer, which
 * drain (they still carry deliveries and presence, but take no new call and announce nobody) until they are
 * {@linkplain #retire retired}. Changes happen under the links' lock; readers on any thread see a consistent
 * {@link View} without it.
 */
final class LinkRoster {

    private volatile View view = new View(Map.of(), List.of());

    /** The current links; never null, possibly empty before the first answer. */
    View view() {
        return view;
    }

    /**
     * Brings the active links in line with {@code instances}: a new link (not opened yet) for each instance without
     * one, made by {@code connect}, and each active link whose instance is gone moved to the draining ones. An
     * instance back in the answer while its link still drains gets that link back, never a second one: two links
     * from one gateway to one instance would each claim the gateway's users there. The caller holds the links' lock.
     */
    Change reconcile(List<LinkTarget> instances, Function<LinkTarget, LinkConnection> connect) {
        View current = view;
        Set<String> wanted = instances.stream().map(LinkTarget::address).collect(Collectors.toSet());
        Map<String, LinkConnection> active = new LinkedHashMap<>();
        List<LinkConnection> draining = new ArrayList<>(current.draining());
        List<LinkConnection> removed = new ArrayList<>();
        current.active().forEach((address, link) -> {
            if (wanted.contains(address)) {
                active.put(address, link);
            } else {
                removed.add(link);
            }
        });
        List<LinkConnection> added = new ArrayList<>();
        for (LinkTarget instance : instances) {
            if (active.containsKey(instance.address())) {
                continue;
            }
            LinkConnection link = draining.stream().filter(other -> other.target().equals(instance.address()))
                    .findFirst().orElseGet(() -> connect.apply(instance));
            draining.remove(link);
            active.put(instance.address(), link);
            added.add(link);
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return new Change(List.of(), List.of());
        }
        draining.addAll(removed);
        view = new View(active, draining);
        return new Change(added, removed);
    }

    /**
     * Forgets a draining link, about to be closed; false when it is not draining (its instance came back). The
     * caller holds the links' lock.
     */
    boolean retire(LinkConnection link) {
        View current = view;
        if (!current.draining().contains(link)) {
            return false;
        }
        view = new View(current.active(), current.draining().stream().filter(other -> other != link).toList());
        return true;
    }

    /** A link in the roster, active or draining. */
    Optional<LinkConnection> find(String target) {
        View current = view;
        LinkConnection link = current.active().get(target);
        if (link != null) {
            return Optional.of(link);
        }
        return current.draining().stream().filter(other -> other.target().equals(target)).findFirst();
    }

    /** One consistent state of the roster: the resolved instances' links, and the draining ones. */
    static final class View {

        private final Map<String, LinkConnection> active;
        private final List<LinkConnection> activeLinks;
        private final List<LinkConnection> draining;
        private final RankedLinks ranked;

        /**
         * @param active   the resolved instances' links, by target, in resolution order
         * @param draining the links of instances gone from the answer, not closed yet
         */
        View(Map<String, LinkConnection> active, List<LinkConnection> draining) {
            this.active = Collections.unmodifiableMap(new LinkedHashMap<>(active));
            this.activeLinks = List.copyOf(active.values());
            this.draining = List.copyOf(draining);
            this.ranked = new RankedLinks(activeLinks);
        }

        Map<String, LinkConnection> active() {
            return active;
        }

        /** The resolved instances' links, in resolution order. */
        List<LinkConnection> activeLinks() {
            return activeLinks;
        }

        List<LinkConnection> draining() {
            return draining;
        }

        /** The active links ranked per user. */
        RankedLinks ranked() {
            return ranked;
        }

        /** Every link presence changes go on: the active ones and the draining ones. */
        List<LinkConnection> all() {
            return Stream.concat(activeLinks.stream(), draining.stream()).toList();
        }

        RendezvousChoice choice() {
            return new RendezvousChoice(List.copyOf(active.keySet()));
        }

        /** Whether the active link to {@code target} is up; false for a draining or unknown target. */
        boolean isUp(String target) {
            LinkConnection link = active.get(target);
            return link != null && link.isUp();
        }
    }

    /** What a reconciliation changed: links to open (new, or back from draining), and links that now drain. */
    record Change(List<LinkConnection> added, List<LinkConnection> removed) {

        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }
}
