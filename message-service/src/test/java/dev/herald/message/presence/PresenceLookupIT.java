package dev.herald.message.presence;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.StoredAudience;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GetPresence: who a caller may see (its audience), what it sees, and the bounds of a request. */
class PresenceLookupIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final StoredAudience audience = new StoredAudience(backend.dsl());
    private final RecentLastSeen recent = new RecentLastSeen(Duration.ofMinutes(1), 1000);
    private PresenceLookup lookup;
    private String alice;

    @BeforeEach
    void lookup() {
        lookup = new PresenceLookup(backend.presence(),
                new Audiences(backend.queries(), backend.consistency(), Clock.systemUTC(), Duration.ofSeconds(30), 1000),
                new RoomAccess(backend.queries(), backend.consistency()), recent, backend.queries());
        alice = unique("alice");
        backend.rows().user(alice, "Alice");
    }

    @Test
    void onlyTheCallersAudienceIsAnsweredOthersAreUnknown() {
        String roomMate = user("roomMate");
        String recentCorrespondent = user("recent");
        String formerCorrespondent = user("former");
        String bigRoomMate = user("bigRoomMate");
        String stranger = user("stranger");
        audience.room(alice, roomMate);
        audience.room(501, List.of(alice, bigRoomMate));
        backend.rows().message(recentCorrespondent).to(alice).at(Instant.now().minus(5, ChronoUnit.DAYS)).store();
        backend.rows().message(alice).to(formerCorrespondent).at(Instant.now().minus(40, ChronoUnit.DAYS)).store();
        Instant lastSeen = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        audience.lastSeen(recentCorrespondent, lastSeen);
        backend.links().open(roomMate, stranger, bigRoomMate);

        List<UserPresence> answer = lookup.read(alice,
                List.of(roomMate, recentCorrespondent, formerCorrespondent, bigRoomMate, stranger, alice), "");

        assertThat(answer).containsExactly(
                new UserPresence(roomMate, UserPresence.State.ONLINE, Optional.empty()),
                new UserPresence(recentCorrespondent, UserPresence.State.OFFLINE, Optional.of(lastSeen)),
                new UserPresence(formerCorrespondent, UserPresence.State.UNKNOWN, Optional.empty()),
                new UserPresence(bigRoomMate, UserPresence.State.UNKNOWN, Optional.empty()),
                new UserPresence(stranger, UserPresence.State.UNKNOWN, Optional.empty()),
                new UserPresence(alice, UserPresence.State.OFFLINE, Optional.empty()));
    }

    @Test
    void aRecentCloseSeenHereIsAnsweredBeforeItIsStored() {
        String correspondent = user("correspondent");
        backend.rows().message(alice).to(correspondent).store();
        audience.lastSeen(correspondent, Instant.now().minus(1, ChronoUnit.DAYS));
        Instant closed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        recent.record(correspondent, closed);

        assertThat(lookup.read(alice, List.of(correspondent), ""))
                .containsExactly(new UserPresence(correspondent, UserPresence.State.OFFLINE, Optional.of(closed)));
    }

    @Test
    void aContactMadeAfterTheAudienceWasCachedIsSeenOnceItIsOlderThanTheRecheck() {
        String newContact = user("newContact");
        assertThat(lookup.read(alice, List.of(newContact), "").getFirst().state())
                .isEqualTo(UserPresence.State.UNKNOWN);

        audience.room(alice, newContact);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                lookup.read(alice, List.of(newContact), "").getFirst().state() == UserPresence.State.OFFLINE);
    }

    @Test
    void aRoomsMembersAreAnsweredWhateverItsSize() {
        String member = user("member");
        UUID room = audience.room(501, List.of(alice, member));
        backend.links().open(member);

        assertThat(lookup.read(alice, List.of(), room.toString())).containsExactlyInAnyOrder(
                new UserPresence(alice, UserPresence.State.OFFLINE, Optional.empty()),
                new UserPresence(member, UserPresence.State.ONLINE, Optional.empty()));
    }

    @Test
    void aRoomTheCallerIsNotInIsNotFound() {
        UUID room = audience.room(user("owner"), user("other"));

        assertThatThrownBy(() -> lookup.read(alice, List.of(), room.toString()))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
    }

    @Test
    void moreThan500UsersAreRefusedNamingTheField() {
        List<String> users = IntStream.range(0, 501).mapToObj(i -> "user-" + i).toList();

        assertThat(lookup.read(alice, users.subList(0, 500), "")).hasSize(500);
        assertThatThrownBy(() -> lookup.read(alice, users, ""))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("user_ids"));
    }

    private String user(String name) {
        String id = unique(name);
        backend.rows().user(id, name);
        return id;
    }
}
