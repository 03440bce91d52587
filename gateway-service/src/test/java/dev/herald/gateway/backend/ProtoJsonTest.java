package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.CountUnreadResponse;
import dev.herald.proto.v1.GetReceivedResponse;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.MarkReadResponse;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SyncResponse;
import dev.herald.proto.v1.User;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProtoJson protoJson = new ProtoJson();

    @Test
    void readsEveryFieldByItsJsonName() throws Exception {
        ListReceivedRequest request = read("{\"before\":\"0193b\",\"limit\":10,\"unreadOnly\":true,\"senderId\":\"alice\","
                + "\"type\":\"text\",\"since\":\"2026-11-25T00:00:00Z\",\"until\":\"2026-11-26T00:00:00.500Z\"}",
                ListReceivedRequest.getDefaultInstance());

        assertThat(request).isEqualTo(ListReceivedRequest.newBuilder().setBefore("0193b").setLimit(10).setUnreadOnly(true)
                .setSenderId("alice").setType("text").setSince(Timestamp.newBuilder().setSeconds(1_795_564_800L))
                .setUntil(Timestamp.newBuilder().setSeconds(1_795_651_200L).setNanos(500_000_000)).build());
    }

    @Test
    void leavesAbsentAndNullFieldsUnset() throws Exception {
        assertThat(read("{}", ListReceivedRequest.getDefaultInstance())).isEqualTo(ListReceivedRequest.getDefaultInstance());
        assertThat(read("{\"since\":null,\"limit\":null}", ListReceivedRequest.getDefaultInstance()).hasSince()).isFalse();
    }

    @Test
    void readsRepeatedStrings() throws Exception {
        assertThat(read("{\"ids\":[\"a\",\"b\"]}", MarkReadRequest.getDefaultInstance()).getIdsList())
                .containsExactly("a", "b");
    }

    @Test
    void namesAnUnknownFieldAndTheExpectedOnes() {
        FrameException error = fails("{\"limit\":5,\"colour\":\"red\"}", ListReceivedRequest.getDefaultInstance());

        assertInvalid(error, "colour", "unknown field: colour (expected: before, limit, unreadOnly, senderId, type, "
                + "since, until)");
    }

    @Test
    void refusesProtoFieldNames() {
        assertInvalid(fails("{\"unread_only\":true}", ListReceivedRequest.getDefaultInstance()), "unread_only",
                "unknown field: unread_only (expected: before, limit, unreadOnly, senderId, type, since, until)");
    }

    @Test
    void refusesAnyFieldOfARequestWithoutFields() {
        assertInvalid(fails("{\"all\":true}", CountUnreadRequest.getDefaultInstance()), "all",
                "unknown field: all (expected: no fields)");
    }

    @Test
    void quotesAtMostTheStartOfALongUnknownField() {
        FrameException error = fails("{\"" + "x".repeat(300) + "\":1}", CountUnreadRequest.getDefaultInstance());

        assertThat(error.field()).hasValue("x".repeat(64) + "...");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ids\":\"x\"}            | ids   | ids must be an array of strings",
            "{\"ids\":[\"a\",1]}        | ids   | ids must be an array of strings",
            "{\"ids\":[null]}           | ids   | ids must be an array of strings",
            "{\"ids\":{}}               | ids   | ids must be an array of strings"})
    void namesAWronglyTypedArray(String data, String field, String message) {
        assertInvalid(fails(data, MarkReadRequest.getDefaultInstance()), field, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"limit\":\"a\"}                    | limit      | limit must be a 32-bit integer",
            "{\"limit\":\"5\"}                    | limit      | limit must be a 32-bit integer",
            "{\"limit\":5.5}                      | limit      | limit must be a 32-bit integer",
            "{\"limit\":99999999999}              | limit      | limit must be a 32-bit integer",
            "{\"before\":5}                       | before     | before must be a string",
            "{\"unreadOnly\":\"true\"}            | unreadOnly | unreadOnly must be a boolean",
            "{\"since\":\"yesterday\"} | since | since must be an RFC 3339 timestamp such as 2026-11-25T20:00:00Z",
            "{\"until\":1795564800}    | until | until must be an RFC 3339 timestamp such as 2026-11-25T20:00:00Z",
            "{\"limit\":5,\"type\":[\"text\"]}    | type       | type must be a string"})
    void namesAWronglyTypedField(String data, String field, String message) {
        assertInvalid(fails(data, ListReceivedRequest.getDefaultInstance()), field, message);
    }

    @Test
    void printsEmptyListsZeroValuesAndEmptyStrings() {
        assertThat(protoJson.print(MarkReadResponse.getDefaultInstance())).isEqualTo("{\"changed\":[],\"unknown\":[]}");
        assertThat(protoJson.print(SyncResponse.getDefaultInstance()))
                .isEqualTo("{\"messages\":[],\"nextAfter\":\"\",\"hasMore\":false}");
    }

    @Test
    void leavesUnsetMessageFieldsOut() {
        assertThat(protoJson.print(GetReceivedResponse.getDefaultInstance())).isEqualTo("{}");
        assertThat(protoJson.print(ReceivedMessage.newBuilder()
                .setMessage(dev.herald.proto.v1.Message.newBuilder().setId("0193a")
                        .setSender(User.newBuilder().setId("alice").setName("Alice"))
                        .setCreatedAt(Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_000_000)))
                .build()))
                .isEqualTo("{\"message\":{\"id\":\"0193a\",\"sender\":{\"id\":\"alice\",\"name\":\"Alice\"},"
                        + "\"receivers\":[],\"title\":\"\",\"body\":\"\",\"type\":\"\","
                        + "\"createdAt\":\"2026-11-25T20:00:00.123Z\",\"clientId\":\"\",\"roomId\":\"\","
                        + "\"announcement\":false},\"receiverCount\":0}");
    }

    @Test
    void printsTheReceiverCountBesideTheMessage() {
        assertThat(protoJson.print(ReceivedMessage.newBuilder()
                .setMessage(dev.herald.proto.v1.Message.newBuilder().addReceivers("bob"))
                .setReceiverCount(1000)
                .build()))
                .contains("\"receivers\":[\"bob\"]", "\"receiverCount\":1000");
    }

    @Test
    void printsTimestampsInRfc3339AndInt64AsStrings() {
        assertThat(protoJson.print(MarkReadResponse.newBuilder().addChanged("a")
                .setReadAt(Timestamp.newBuilder().setSeconds(1_795_636_800L)).build()))
                .isEqualTo("{\"changed\":[\"a\"],\"unknown\":[],\"readAt\":\"2026-11-25T20:00:00Z\"}");
        assertThat(protoJson.print(CountUnreadResponse.newBuilder().setUnread(7).build())).isEqualTo("{\"unread\":7}");
    }

    private <Q extends Message> Q read(String data, Q prototype) throws Exception {
        return protoJson.read((ObjectNode) JSON.readTree(data), prototype);
    }

    private FrameException fails(String data, Message prototype) {
        return catchThrowableOfType(FrameException.class, () -> read(data, prototype));
    }

    private static void assertInvalid(FrameException error, String field, String message) {
        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.field()).hasValue(field);
    }
}
