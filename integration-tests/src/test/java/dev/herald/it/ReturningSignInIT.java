package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.AnnounceRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sign-in writes the user's directory entry only when the directory does not hold the user yet or holds another
 * name: a returning user with the same name writes nothing, keeps its first sequence (its announcements) and its
 * last-seen time, and a new name is written.
 */
class ReturningSignInIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void aReturningUserWithTheSameNameWritesNoUserRecordYetKeepsItsAnnouncementsAndLastSeen() throws Exception {
        String alice = unique("alice");
        stack.online(alice, "Alice").close();
        UserRow first = await().atMost(WAIT).until(() -> row(alice), row -> row.isPresent()
                && row.get().lastSeenAt() != null).orElseThrow();
        String announcement = stack.grpc(unique("admin"), true).admin
                .announce(AnnounceRequest.newBuilder().setBody("maintenance at noon").build()).getId();

        try (WsClient again = stack.connect()) {
            JsonNode ack = again.request("online", Map.of("token", stack.token(alice, "Alice")));
            assertThat(ack.path("event").asText()).isEqualTo("ack");
            assertThat(ack.at("/data/user/name").asText()).isEqualTo("Alice");
            assertThat(ack.at("/data/unreadCount").asInt()).as("the announcement made after alice first appeared")
                    .isEqualTo(1);
            storedInOrderAfterThis();
            assertThat(row(alice)).as("no newer sighting stored: nothing was written").contains(first);
        }
        await().atMost(WAIT).until(() -> row(alice).orElseThrow().lastSeenAt().isAfter(first.lastSeenAt()));
        assertThat(row(alice).orElseThrow().firstSequence()).isEqualTo(first.firstSequence());
        assertThat(announcement).isNotEmpty();
    }

    @Test
    void aReturningUserWithAnotherNameIsWrittenWithIt() throws Exception {
        String bob = unique("bob");
        stack.online(bob, "Bob").close();
        UserRow first = await().atMost(WAIT).until(() -> row(bob), Optional::isPresent).orElseThrow();

        try (WsClient renamed = stack.online(bob, "Robert")) {
            UserRow second = await().atMost(WAIT).until(() -> row(bob),
                    row -> row.orElseThrow().name().equals("Robert")).orElseThrow();
            assertThat(second.updatedAt()).isAfter(first.updatedAt());
            assertThat(second.firstSequence()).isEqualTo(first.firstSequence());
            assertThat(renamed.isOpen()).isTrue();
        }
    }

    /**
     * Signs a new user in and waits until it is stored: the one worker stores the stream in order, so whatever an
     * earlier sign-in wrote is stored by then.
     */
    private static void storedInOrderAfterThis() throws Exception {
        String marker = unique("marker");
        stack.online(marker, "Marker").close();
        await().atMost(WAIT).until(() -> row(marker), Optional::isPresent);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Optional<UserRow> row(String userId) throws Exception {
        try (java.sql.Connection sql = stack.sql();
             PreparedStatement select = sql.prepareStatement(
                     "select name, updated_at, first_sequence, last_seen_at from users where id = ?")) {
            select.setString(1, userId);
            try (ResultSet found = select.executeQuery()) {
                if (!found.next()) {
                    return Optional.empty();
                }
                return Optional.of(new UserRow(found.getString(1), found.getObject(2, OffsetDateTime.class),
                        found.getObject(3, Long.class), found.getObject(4, OffsetDateTime.class)));
            }
        }
    }

    private record UserRow(String name, OffsetDateTime updatedAt, Long firstSequence, OffsetDateTime lastSeenAt) {}
}
