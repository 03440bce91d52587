package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.worker.testing.DatabaseExtension;
import dev.herald.worker.testing.Events;
import dev.herald.worker.testing.RoomEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** users.first_sequence (where a user's announcements start) and users.last_seen_at. */
class UserSequenceAndLastSeenIT {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    private final DSLContext dsl = db.dsl();
    private final BatchWriter writer = new BatchWriter(dsl);

    @BeforeEach
    void empty() {
        db.truncate();
    }

    @Test
    void aUsersFirstSequenceIsTheEventThatStoredItFirstAndNeverMoves() {
        writer.write(List.of(
                Events.sequenced(7, Events.userSeen("bob", "Bob", T2)),
                Events.sequenced(5, Events.usersProvisioned(Map.of("bob", "Bob", "amy", "Amy"), T1))));
        writer.write(List.of(Events.sequenced(9, Events.userSeen("amy", "Amy 2", T3)),
                Events.sequenced(10, Events.usersProvisioned(Map.of("carl", "Carl"), T3))));
        writer.write(List.of(Events.sequenced(5, Events.usersProvisioned(Map.of("bob", "Bob", "amy", "Amy"), T1))));

        assertThat(firstSequence("bob")).isEqualTo(5);
        assertThat(firstSequence("amy")).isEqualTo(5);
        assertThat(firstSequence("carl")).isEqualTo(10);
        assertThat(dsl.fetchValue(USERS.NAME, USERS.ID.eq("amy"))).isEqualTo("Amy 2");
    }

    @Test
    void theLatestLastSeenTimeWinsWhateverTheOrder() {
        writer.write(List.of(Events.sequenced(1, Events.userSeen("bob", "Bob", T1))));

        WriteResult first = writer.write(List.of(Events.sequenced(2, RoomEvents.lastSeen("bob", T2)),
                Events.sequenced(3, RoomEvents.lastSeen("bob", T3)), Events.sequenced(4, RoomEvents.lastSeen("bob", T1))));
        WriteResult older = writer.write(List.of(Events.sequenced(2, RoomEvents.lastSeen("bob", T2))));
        WriteResult unknown = writer.write(List.of(Events.sequenced(5, RoomEvents.lastSeen("nobody", T3))));

        assertThat(first.usersChanged()).isEqualTo(1);
        assertThat(older).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(unknown).isEqualTo(new WriteResult(0, 0, 0, 0));
        assertThat(dsl.fetchValue(USERS.LAST_SEEN_AT, USERS.ID.eq("bob"))).isEqualTo(at(T3));
        assertThat(dsl.fetchExists(USERS, USERS.ID.eq("nobody"))).isFalse();
    }

    private Long firstSequence(String userId) {
        return dsl.fetchValue(USERS.FIRST_SEQUENCE, USERS.ID.eq(userId));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
