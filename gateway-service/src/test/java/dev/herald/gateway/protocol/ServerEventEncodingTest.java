package dev.herald.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.grpc.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerEventEncodingTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T20:00:00.123456789Z");

    private final EventCodec codec = new EventCodec(new ObjectMapper(), Set.of());

    @Test
    void encodesTheOnlineAckWithTheUnreadCountAsANumber() {
        assertThat(codec.encode(new ServerEvent.OnlineAck(new RequestId(new TextNode("c1")), "alice", "Alice A.", 12)))
                .isEqualTo("{\"event\":\"ack\",\"id\":\"c1\",\"data\":{\"user\":{\"id\":\"alice\",\"name\":\"Alice A.\"},"
                        + "\"unreadCount\":12}}");
    }

    @Test
    void echoesANumericIdAsGiven() {
        assertThat(codec.encode(new ServerEvent.OnlineAck(new RequestId(new IntNode(42)), "a", "A", 0)))
                .startsWith("{\"event\":\"ack\",\"id\":42,");
        assertThat(codec.encode(new ServerEvent.OnlineAck(new RequestId(new DecimalNode(new BigDecimal("4.50"))), "a", "A", 0)))
                .startsWith("{\"event\":\"ack\",\"id\":4.50,");
    }

    @Test
    void omitsTheIdWhenTheRequestHadNone() {
        assertThat(codec.encode(new ServerEvent.OnlineAck(null, "a", "A", 0)))
                .isEqualTo("{\"event\":\"ack\",\"data\":{\"user\":{\"id\":\"a\",\"name\":\"A\"},\"unreadCount\":0}}");
    }

    @Test
    void encodesTheSendAckWithMillisecondUtcTime() {
        assertThat(codec.encode(new ServerEvent.SendAck(new RequestId(new IntNode(3)), "0193-id", CREATED)))
                .isEqualTo("{\"event\":\"ack\",\"id\":3,\"data\":{\"id\":\"0193-id\",\"createdAt\":\"2026-11-25T20:00:00.123Z\"}}");
    }

    @Test
    void alwaysWritesThreeFractionDigits() {
        assertThat(EventCodec.timestamp(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
    }

    @Test
    void encodesAnExceptionWithItsField() {
        assertThat(codec.encode(new ServerEvent.Failure(new RequestId(new TextNode("m1")), Status.Code.INVALID_ARGUMENT,
                "receivers must be an array of strings", "receivers")))
                .isEqualTo("{\"event\":\"exception\",\"id\":\"m1\",\"data\":{\"status\":\"INVALID_ARGUMENT\","
                        + "\"message\":\"receivers must be an array of strings\",\"field\":\"receivers\"}}");
    }

    @Test
    void encodesAnExceptionWithoutField() {
        assertThat(codec.encode(new ServerEvent.Failure(null, Status.Code.UNAUTHENTICATED, "token expired", null)))
                .isEqualTo("{\"event\":\"exception\",\"data\":{\"status\":\"UNAUTHENTICATED\",\"message\":\"token expired\"}}");
    }

    @Test
    void encodesTheWaitOfARateLimitAsANumber() {
        assertThat(codec.encode(new ServerEvent.Failure(new RequestId(new TextNode("m2")), Status.Code.RESOURCE_EXHAUSTED,
                "too many sends for this user: retry after 120 ms", null, 120L)))
                .isEqualTo("{\"event\":\"exception\",\"id\":\"m2\",\"data\":{\"status\":\"RESOURCE_EXHAUSTED\","
                        + "\"message\":\"too many sends for this user: retry after 120 ms\",\"retryAfterMs\":120}}");
    }

    @Test
    void encodesADeliveredMessage() {
        ServerEvent.Delivered message = new ServerEvent.Delivered("0193-id", "alice", "Alice", List.of("bob", "eve"),
                "", "hello \"bob\"\n", "text", CREATED);

        assertThat(codec.encode(message)).isEqualTo("{\"event\":\"message\",\"data\":{\"id\":\"0193-id\","
                + "\"sender\":{\"id\":\"alice\",\"name\":\"Alice\"},\"receivers\":[\"bob\",\"eve\"],\"title\":\"\","
                + "\"body\":\"hello \\\"bob\\\"\\n\",\"type\":\"text\",\"createdAt\":\"2026-11-25T20:00:00.123Z\"}}");
    }

    @Test
    void encodesAReadReceipt() {
        assertThat(codec.encode(new ServerEvent.ReadReceipt("0193-id", "bob", CREATED)))
                .isEqualTo("{\"event\":\"read\",\"data\":{\"id\":\"0193-id\",\"reader\":\"bob\","
                        + "\"readAt\":\"2026-11-25T20:00:00.123Z\"}}");
    }

    @Test
    void encodesARecallNotice() {
        assertThat(codec.encode(new ServerEvent.Recalled("0193-id")))
                .isEqualTo("{\"event\":\"recalled\",\"data\":{\"id\":\"0193-id\"}}");
    }

    @Test
    void encodesARoomMessageWithItsRoom() {
        ServerEvent.Delivered message = new ServerEvent.Delivered("0193-id", "alice", "Alice", List.of(), "", "hi all",
                "", CREATED, "r-1", false);

        assertThat(codec.encode(message)).isEqualTo("{\"event\":\"message\",\"data\":{\"id\":\"0193-id\","
                + "\"sender\":{\"id\":\"alice\",\"name\":\"Alice\"},\"receivers\":[],\"title\":\"\","
                + "\"body\":\"hi all\",\"type\":\"\",\"createdAt\":\"2026-11-25T20:00:00.123Z\",\"room\":\"r-1\"}}");
    }

    @Test
    void marksAnAnnouncement() {
        ServerEvent.Delivered message = new ServerEvent.Delivered("0193-id", "ops", "Ops", List.of(), "Maintenance",
                "down at 22:00", "", CREATED, "", true);

        assertThat(codec.encode(message)).isEqualTo("{\"event\":\"message\",\"data\":{\"id\":\"0193-id\","
                + "\"sender\":{\"id\":\"ops\",\"name\":\"Ops\"},\"receivers\":[],\"title\":\"Maintenance\","
                + "\"body\":\"down at 22:00\",\"type\":\"\",\"createdAt\":\"2026-11-25T20:00:00.123Z\","
                + "\"announcement\":true}}");
    }

    @Test
    void encodesTheRecallOfARoomMessageWithItsRoom() {
        assertThat(codec.encode(new ServerEvent.Recalled("0193-id", "r-1")))
                .isEqualTo("{\"event\":\"recalled\",\"data\":{\"id\":\"0193-id\",\"room\":\"r-1\"}}");
    }

    @Test
    void encodesPresenceWithTheLastSeenTimeOnlyWhenOffline() {
        assertThat(codec.encode(new ServerEvent.Presence("alice", false, CREATED)))
                .isEqualTo("{\"event\":\"presence\",\"data\":{\"user\":\"alice\",\"online\":false,"
                        + "\"lastSeen\":\"2026-11-25T20:00:00.123Z\"}}");
        assertThat(codec.encode(new ServerEvent.Presence("alice", true, null)))
                .isEqualTo("{\"event\":\"presence\",\"data\":{\"user\":\"alice\",\"online\":true}}");
    }

    @Test
    void encodesTypingWithTheRoomOnlyInARoom() {
        assertThat(codec.encode(new ServerEvent.Typing("alice", "r-1")))
                .isEqualTo("{\"event\":\"typing\",\"data\":{\"from\":\"alice\",\"room\":\"r-1\"}}");
        assertThat(codec.encode(new ServerEvent.Typing("alice", "")))
                .isEqualTo("{\"event\":\"typing\",\"data\":{\"from\":\"alice\"}}");
    }

    @Test
    void encodesARoomChangeByItsName() {
        assertThat(codec.encode(new ServerEvent.RoomChanged("r-1", ServerEvent.RoomChange.ADDED, "alice")))
                .isEqualTo("{\"event\":\"room\",\"data\":{\"room\":\"r-1\",\"change\":\"added\",\"by\":\"alice\"}}");
        assertThat(codec.encode(new ServerEvent.RoomChanged("r-1", ServerEvent.RoomChange.DELETED, "")))
                .isEqualTo("{\"event\":\"room\",\"data\":{\"room\":\"r-1\",\"change\":\"deleted\",\"by\":\"\"}}");
    }

    @Test
    void encodesAResyncWithoutData() {
        assertThat(codec.encode(new ServerEvent.Resync())).isEqualTo("{\"event\":\"resync\"}");
    }

    @Test
    void writesTheResponseOfAnApiCallAsTheAcksData() {
        assertThat(codec.encode(new ServerEvent.ApiAck(new RequestId(new TextNode("r1")),
                "{\"changed\":[\"a\"],\"unknown\":[]}")))
                .isEqualTo("{\"event\":\"ack\",\"id\":\"r1\",\"data\":{\"changed\":[\"a\"],\"unknown\":[]}}");
        assertThat(codec.encode(new ServerEvent.ApiAck(null, "{\"unread\":\"3\"}")))
                .isEqualTo("{\"event\":\"ack\",\"data\":{\"unread\":\"3\"}}");
    }
}
