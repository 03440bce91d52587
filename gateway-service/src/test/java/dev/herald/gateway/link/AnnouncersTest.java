package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The announcer of each user: the first instance of its ranking whose link is up, moved as links come and go. */
class AnnouncersTest {

    private static final List<String> TARGETS = List.of("ms-1:9090", "ms-2:9090", "ms-3:9090");

    private final RendezvousChoice choice = new RendezvousChoice(TARGETS);
    private final Set<String> up = new HashSet<>(TARGETS);
    private final Announcers announcers = new Announcers(choice, up::contains);

    @Test
    void aUserIsAnnouncedByItsFirstChoiceWhoseLinkIsUp() {
        for (String user : users(50)) {
            List<String> ranked = choice.ranked(user);
            up.addAll(TARGETS);
            up.remove(ranked.getFirst());

            assertThat(announcers.assign(user)).isEqualTo(ranked.get(1));
            assertThat(announcers.of(user)).contains(ranked.get(1));
        }
    }

    @Test
    void withNoLinkUpTheFirstChoiceIsNamed() {
        up.clear();

        assertThat(announcers.assign("alice")).isEqualTo(choice.ranked("alice").getFirst());
    }

    @Test
    void aLostLinkMovesItsUsersToTheirNextChoiceAndOnlyThem() {
        List<String> users = users(60);
        users.forEach(announcers::assign);
        String lost = TARGETS.getFirst();
        List<String> announcedByLost = users.stream().filter(u -> choice.ranked(u).getFirst().equals(lost)).toList();
        assertThat(announcedByLost).isNotEmpty();

        up.remove(lost);
        List<Announcers.Move> moves = announcers.reassign();

        assertThat(moves).extracting(Announcers.Move::userId).containsExactlyInAnyOrderElementsOf(announcedByLost);
        assertThat(moves).allSatisfy(move -> {
            assertThat(move.from()).isEqualTo(lost);
            assertThat(move.to()).isEqualTo(choice.ranked(move.userId()).get(1));
            assertThat(announcers.of(move.userId())).contains(move.to());
        });
        assertThat(announcers.reassign()).as("nothing moves twice").isEmpty();
    }

    @Test
    void aLinkComingBackUpTakesBackTheUsersWhoseFirstChoiceItIs() {
        String returning = TARGETS.getFirst();
        up.remove(returning);
        List<String> users = users(60);
        users.forEach(announcers::assign);
        assertThat(announcers.reassign()).as("a hello alone moves nobody").isEmpty();

        up.add(returning); // its hello acknowledged
        List<Announcers.Move> moves = announcers.reassign();

        List<String> preferring = users.stream().filter(u -> choice.ranked(u).getFirst().equals(returning)).toList();
        assertThat(moves).extracting(Announcers.Move::userId).containsExactlyInAnyOrderElementsOf(preferring);
        assertThat(moves).allSatisfy(move -> {
            assertThat(move.to()).isEqualTo(returning);
            assertThat(move.from()).isEqualTo(choice.ranked(move.userId()).get(1));
        });
    }

    @Test
    void aRemovedUserIsNoLongerAnnounced() {
        announcers.assign("alice");
        announcers.remove("alice");

        assertThat(announcers.of("alice")).isEmpty();
        up.clear();
        assertThat(announcers.reassign()).isEmpty();
    }

    @Test
    void anInstanceThatLeavesTheAnswerHandsItsUsersToTheirNextChoice() {
        List<String> users = users(60);
        users.forEach(announcers::assign);
        String gone = TARGETS.getFirst();
        List<String> remaining = TARGETS.subList(1, TARGETS.size());
        RendezvousChoice next = new RendezvousChoice(remaining);

        announcers.retarget(next);
        List<Announcers.Move> moves = announcers.reassign();

        List<String> announcedByGone = users.stream().filter(u -> choice.ranked(u).getFirst().equals(gone)).toList();
        assertThat(moves).extracting(Announcers.Move::userId).containsExactlyInAnyOrderElementsOf(announcedByGone);
        assertThat(moves).allSatisfy(move -> {
            assertThat(move.from()).isEqualTo(gone);
            assertThat(move.to()).isEqualTo(next.ranked(move.userId()).getFirst());
        });
    }

    @Test
    void withNoInstanceKnownAUserHasNoAnnouncerUntilOneIsResolved() {
        Announcers none = new Announcers(new RendezvousChoice(List.of()), up::contains);

        assertThat(none.assign("alice")).isEqualTo(Announcers.NONE);

        none.retarget(choice);
        assertThat(none.reassign()).singleElement().satisfies(move -> {
            assertThat(move.from()).isEqualTo(Announcers.NONE);
            assertThat(move.to()).isEqualTo(choice.ranked("alice").getFirst());
        });
    }

    private static List<String> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> "user-" + i).toList();
    }
}
