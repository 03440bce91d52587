package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which instance announces each user held here: the first in {@link RendezvousChoice#ranked} whose link is up (the
 * first of all when none is), so every gateway names the same instance while their links agree, and that instance
 * pushes the user's presence once. When links come up or go down the choice moves, and the links must say so: the
 * new announcer is told ({@code announce}), the old one released. The instances themselves change with discovery
 * ({@link #retarget}); while none is known a user's announcer is {@link #NONE}. Not thread-safe: the links' lock
 * guards it.
 */
final class Announcers {

    /** The announcer of a user while no instance is known: matches no link. */
    static final String NONE = "";

    private RendezvousChoice choice;
    private final Predicate<String> isUp;
    /** Per user, its targets from first to last choice (hashing is the costly part, done once per user). */
    private final Map<String, List<String>> rankings = new HashMap<>();
    private final Map<String, String> announcers = new HashMap<>();

    /** @param isUp whether the link to a target is up */
    Announcers(RendezvousChoice choice, Predicate<String> isUp) {
        this.choice = requireNonNull(choice, "choice");
        this.isUp = requireNonNull(isUp, "isUp");
    }

    /** The announcer of a user new here, now recorded. */
    String assign(String userId) {
        List<String> ranking = rankings.computeIfAbsent(userId, choice::ranked);
        String announcer = pick(ranking, isUp);
        announcers.put(userId, announcer);
        return announcer;
    }

    /** The user's recorded announcer; empty for a user not held here. */
    Optional<String> of(String userId) {
        return Optional.ofNullable(announcers.get(userId));
    }

    void remove(String userId) {
        rankings.remove(userId);
        announcers.remove(userId);
    }

    /**
     * The instances changed: every user is ranked again over {@code next}. Call {@link #reassign} next to move the
     * users whose choice changed.
     */
    void retarget(RendezvousChoice next) {
        this.choice = requireNonNull(next, "next");
        rankings.replaceAll((userId, ranking) -> choice.ranked(userId));
    }

    /**
     * After a link came up or went down: every user whose choice changed, now recorded. A link counts once its hello
     * is acknowledged, never before: an instance that is down still gets hellos (one per reconnect attempt), and
     * moving users to it then would leave them unannounced until the attempt fails.
     */
    List<Move> reassign() {
        List<Move> moves = new ArrayList<>();
        announcers.forEach((userId, current) -> {
            String next = pick(rankings.get(userId), isUp);
            if (!next.equals(current)) {
                moves.add(new Move(userId, current, next));
            }
        });
        moves.forEach(move -> announcers.put(move.userId(), move.to()));
        return moves;
    }

    private static String pick(List<String> ranking, Predicate<String> up) {
        if (ranking.isEmpty()) {
            return NONE;
        }
        return ranking.stream().filter(up).findFirst().orElse(ranking.getFirst());
    }

    /** A user's announcer changed from one target to another. */
    record Move(String userId, String from, String to) {}
}
