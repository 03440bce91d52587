package dev.herald.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper(), Set.of("sync", "read"));

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "not json", "{\"event\":\"online\"} {}", "{\"event\":\"a\",\"event\":\"b\"}"})
    void rejectsMalformedJson(String text) {
        FrameException error = readFrameFails(text);

        assertThat(error.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).isEqualTo("malformed JSON");
        assertThat(error.field()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"online\"", "null", "true"})
    void rejectsFramesThatAreNotObjects(String text) {
        FrameException error = readFrameFails(text);

        assertThat(error.getMessage()).isEqualTo("frame must be a JSON object");
        assertThat(error.field()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"event\":1}", "{\"event\":null}", "{\"event\":{}}"})
    void requiresAStringEvent(String text) {
        assertInvalid(readFrameFails(text), "event must be a string", "event");
    }

    @Test
    void answersAnEnvelopeErrorWithTheRequestId() {
        FrameException error = readFrameFails("{\"id\":\"c9\",\"event\":5}");

        assertThat(error.requestId()).map(id -> id.value().textValue()).contains("c9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event\":\"online\",\"id\":{}}", "{\"event\":\"online\",\"id\":[1]}",
            "{\"event\":\"online\",\"id\":true}"})
    void requiresAStringOrNumberId(String text) {
        assertInvalid(readFrameFails(text), "id must be a string or a number", "id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "3", "false"})
    void requiresObjectData(String data) {
        FrameException error = readFrameFails("{\"event\":\"online\",\"id\":1,\"data\":" + data + "}");

        assertInvalid(error, "data must be an object", "data");
        assertThat(error.requestId()).map(id -> id.value().intValue()).contains(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"body":"lone \\ud800 high","receivers":["bob"]}           | body
            {"receivers":["bob"],"body":"x","title":"\\udc00"}          | title
            {"receivers":["b\\ud83d"],"body":"x"}                       | receivers
            {"filter":{"nested":["ok","\\udbff"]}}                      | filter
            """)
    void refusesLoneSurrogatesNamingTheField(String data, String field) {
        FrameException error = readFrameFails("{\"event\":\"message\",\"id\":\"7\",\"data\":" + data + "}");

        assertThat(error.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).startsWith(field + " is not valid Unicode: it holds a lone surrogate");
        assertThat(error.field()).contains(field);
        assertThat(error.requestId()).map(id -> id.value().textValue()).contains("7");
    }

    @Test
    void aFieldNameThatIsNotUnicodeIsMalformedJson() {
        assertThat(readFrameFails("{\"event\":\"message\",\"data\":{\"\\ud800\":\"x\"}}").getMessage())
                .isEqualTo("malformed JSON");
    }

    @Test
    void acceptsSurrogatePairsWrittenAsEscapes() throws FrameException {
        ClientFrame frame = codec.readFrame(
                "{\"event\":\"message\",\"data\":{\"receivers\":[\"bob\"],\"body\":\"\\ud83d\\ude00\"}}");

        assertThat(frame.data().get("body").textValue()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void rejectsUnknownEvents() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"subscribe\",\"data\":{}}");

        assertInvalid(readEventFails(frame), "unknown event: subscribe", "event");
    }

    @Test
    void quotesAtMostTheStartOfALongUnknownEvent() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"" + "x".repeat(500) + "\"}");

        assertThat(readEventFails(frame).getMessage()).hasSize("unknown event: ".length() + 64 + 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                  | token must be a non-empty string",
            "{\"token\":\"\"}    | token must be a non-empty string",
            "{\"token\":5}       | token must be a non-empty string",
            "{\"token\":null}    | token must be a non-empty string"})
    void requiresAToken(String data, String message) throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"online\",\"data\":" + data + "}");

        assertInvalid(readEventFails(frame), message, "token");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"body\":\"b\"}                                   | receivers | receivers or room is required",
            "{\"receivers\":null,\"room\":null,\"body\":\"b\"}  | receivers | receivers or room is required",
            "{\"receivers\":[\"bob\"],\"room\":\"r1\",\"body\":\"b\"} | room | give either receivers or room, not both",
            "{\"receivers\":[],\"room\":\"r1\",\"body\":\"b\"} | room      | give either receivers or room, not both",
            "{\"room\":\"\",\"body\":\"b\"}                  | room      | room must be a non-empty string",
            "{\"room\":[\"r1\"],\"body\":\"b\"}              | room      | room must be a non-empty string",
            "{\"room\":\"r1\"}                                  | body      | body must be a string",
            "{\"receivers\":\"bob\",\"body\":\"b\"}            | receivers | receivers must be an array of strings",
            "{\"receivers\":[\"bob\",7],\"body\":\"b\"}        | receivers | receivers must be an array of strings",
            "{\"receivers\":[null],\"body\":\"b\"}             | receivers | receivers must be an array of strings",
            "{\"receivers\":[\"bob\"]}                          | body      | body must be a string",
            "{\"receivers\":[\"bob\"],\"body\":12}             | body      | body must be a string",
            "{\"receivers\":[\"bob\"],\"body\":\"b\",\"title\":1}     | title     | title must be a string",
            "{\"receivers\":[\"bob\"],\"body\":\"b\",\"type\":[]}     | type      | type must be a string",
            "{\"receivers\":[\"bob\"],\"body\":\"b\",\"clientId\":{}} | clientId  | clientId must be a string"})
    void checksTheShapeOfAMessage(String data, String field, String message) throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"message\",\"id\":\"m1\",\"data\":" + data + "}");

        assertInvalid(readEventFails(frame), message, field);
        assertThat(frame.id()).isNotNull();
    }

    @Test
    void readsOnline() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"online\",\"id\":\"c1\",\"data\":{\"token\":\"t.k.n\"}}");

        assertThat(frame.id()).isNotNull();
        assertThat(frame.id().value().textValue()).isEqualTo("c1");
        assertThat(codec.readEvent(frame)).isEqualTo(new ClientEvent.Online("t.k.n"));
    }

    @Test
    void readsAFullMessage() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"message\",\"id\":7,\"data\":{\"receivers\":[\"bob\",\"eve\"],"
                + "\"body\":\"hi\",\"title\":\"t\",\"type\":\"text\",\"clientId\":\"k1\"}}");

        assertThat(frame.id().value().intValue()).isEqualTo(7);
        assertThat(codec.readEvent(frame))
                .isEqualTo(new ClientEvent.Send(new ClientEvent.Receivers(java.util.List.of("bob", "eve")), "hi", "t",
                        "text", "k1"));
    }

    @Test
    void readsARoomMessage() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"message\",\"id\":8,\"data\":{\"room\":\"r1\","
                + "\"receivers\":null,\"body\":\"hi all\",\"clientId\":\"k2\"}}");

        assertThat(codec.readEvent(frame))
                .isEqualTo(new ClientEvent.Send(new ClientEvent.Room("r1"), "hi all", "", "", "k2"));
    }

    @Test
    void readsAMinimalMessageWithEmptyOptionals() throws FrameException {
        ClientFrame frame = codec.readFrame(
                "{\"event\":\"message\",\"data\":{\"receivers\":[],\"body\":\"\",\"title\":null}}");

        assertThat(frame.id()).isNull();
        assertThat(codec.readEvent(frame)).isEqualTo(new ClientEvent.Send(new ClientEvent.Receivers(java.util.List.of()), "", "", "", ""));
    }

    @Test
    void readsOfflineWithoutData() throws FrameException {
        assertThat(codec.readEvent(codec.readFrame("{\"event\":\"offline\"}"))).isEqualTo(new ClientEvent.Offline());
    }

    @Test
    void passesTheDataOfAnApiEventOnUnread() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"read\",\"id\":\"r1\",\"data\":{\"ids\":[\"a\"],\"x\":1}}");

        ClientEvent event = codec.readEvent(frame);

        assertThat(event).isInstanceOf(ClientEvent.ApiCall.class);
        ClientEvent.ApiCall call = (ClientEvent.ApiCall) event;
        assertThat(call.event()).isEqualTo("read");
        assertThat(call.data().toString()).isEqualTo("{\"ids\":[\"a\"],\"x\":1}");
    }

    @Test
    void givesAnApiEventWithoutDataAnEmptyObject() throws FrameException {
        assertThat(codec.readEvent(codec.readFrame("{\"event\":\"sync\"}")))
                .isEqualTo(new ClientEvent.ApiCall("sync", new ObjectMapper().createObjectNode()));
    }

    @Test
    void knowsOnlyTheApiEventsItWasGiven() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"recall\",\"data\":{}}");

        assertInvalid(readEventFails(frame), "unknown event: recall", "event");
    }

    @Test
    void refusesApiEventsNamedLikeItsOwn() {
        assertThatThrownBy(() -> new EventCodec(new ObjectMapper(), Set.of("sync", "message")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message");
    }

    @Test
    void readsAValidTraceparent() throws FrameException {
        ClientFrame frame = codec.readFrame("{\"event\":\"offline\",\"traceparent\":"
                + "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}");

        assertThat(frame.traceparent()).isNotNull();
        assertThat(frame.traceparent().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void ignoresAMissingOrInvalidTraceparent() throws FrameException {
        assertThat(codec.readFrame("{\"event\":\"offline\"}").traceparent()).isNull();
        for (String invalid : new String[] {"null", "5", "{}", "\"\"", "\"00-xyz\"",
                "\"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\""}) {
            ClientFrame frame = codec.readFrame("{\"event\":\"offline\",\"id\":1,\"traceparent\":" + invalid + "}");
            assertThat(frame.traceparent()).as(invalid).isNull();
            assertThat(codec.readEvent(frame)).isEqualTo(new ClientEvent.Offline());
        }
    }

    @Test
    void treatsANullIdAsNoId() throws FrameException {
        assertThat(codec.readFrame("{\"event\":\"offline\",\"id\":null}").id()).isNull();
    }

    @Test
    void neverPrintsTokensOrBodies() {
        assertThat(new ClientEvent.Online("secret.jwt.value").toString()).doesNotContain("secret");
        assertThat(new ClientEvent.Send(new ClientEvent.Receivers(java.util.List.of("bob")), "private words", "", "", "").toString())
                .doesNotContain("private");
        assertThat(new ClientEvent.ApiCall("get", new ObjectMapper().createObjectNode().put("id", "private-id"))
                .toString()).doesNotContain("private");
    }

    @Test
    void rejectsARequestIdThatIsNotAStringOrNumber() {
        assertThatThrownBy(() -> new RequestId(new ObjectMapper().createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private FrameException readFrameFails(String text) {
        return catchThrowableOfType(FrameException.class, () -> codec.readFrame(text));
    }

    private FrameException readEventFails(ClientFrame frame) {
        return catchThrowableOfType(FrameException.class, () -> codec.readEvent(frame));
    }

    private static void assertInvalid(FrameException error, String message, String field) {
        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.field()).contains(field);
    }
}
