package dev.herald.gateway.link;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The links in the order {@link RendezvousChoice} ranks their instances for a user, so that every gateway sends
 * the calls that must meet at one instance per user to the same one while its link is up, and falls back to the
 * same next one when it is not.
 */
final class RankedLinks {

    private final Map<String, LinkConnection> byTarget = new LinkedHashMap<>();
    private final RendezvousChoice choice;

    RankedLinks(List<LinkConnection> links) {
        links.forEach(link -> byTarget.putIfAbsent(link.target(), link));
        this.choice = new RendezvousChoice(List.copyOf(byTarget.keySet()));
    }

    /** The first of the user's ranked links whose instance acknowledged its hello; empty when none is up. */
    Optional<LinkConnection> firstUp(String userId) {
        return choice.ranked(userId).stream().map(byTarget::get).filter(LinkConnection::isUp).findFirst();
    }
}
