package dev.herald.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeraldFrameReaderTest {

    private static final String RECEIVERS = IntStream.rangeClosed(1, 999).mapToObj(i -> "\"u" + i + "\"")
            .collect(Collectors.joining(",", "[", "]"));

    private final ObjectMapper mapper = new ObjectMapper();
    private final HeraldFrameReader reader = new HeraldFrameReader();

    @Test
    void readsAFanOutDeliveryWithoutCaringAboutItsReceivers() {
        String frame = "{\"event\":\"message\",\"data\":{\"id\":\"0193\",\"sender\":{\"id\":\"u7\",\"name\":\"U 7\"},"
                + "\"receivers\":" + RECEIVERS + ",\"title\":\"bench-x\",\"body\":\"123|4|pad\",\"type\":\"bench\","
                + "\"createdAt\":\"2026-11-25T20:00:00.000Z\"}}";

        assertThat(reader.read(frame)).isEqualTo(new Inbound.Delivery("bench-x", "123|4|pad", "u7"));
    }

    @Test
    void receiverIdsWithBracketsQuotesAndEscapesAreSkippedWhole() {
        String receivers = "[\"a]\",\"b\\\"],\",\"c\\\\\",\"[d\"]";
        String frame = "{\"event\":\"message\",\"data\":{\"receivers\":" + receivers
                + ",\"title\":\"t]\",\"body\":\"b\",\"sender\":{\"id\":\"s\"}}}";

        assertThat(HeraldFrameReader.withoutReceivers(frame))
                .isEqualTo("{\"event\":\"message\",\"data\":{\"receivers\":[],\"title\":\"t]\",\"body\":\"b\","
                           + "\"sender\":{\"id\":\"s\"}}}");
        assertThat(reader.read(frame)).isEqualTo(new Inbound.Delivery("t]", "b", "s"));
    }

    @Test
    void receiversNotFollowedByTitleAreSkippedByScanning() {
        String frame = "{\"event\":\"message\",\"data\":{\"title\":\"t\",\"receivers\":[\"a],\\\"title\\\":\",\"b\"],"
                + "\"body\":\"b\",\"sender\":{\"id\":\"s\"}}}";

        assertThat(HeraldFrameReader.withoutReceivers(frame))
                .isEqualTo("{\"event\":\"message\",\"data\":{\"title\":\"t\",\"receivers\":[],\"body\":\"b\","
                           + "\"sender\":{\"id\":\"s\"}}}");
        assertThat(reader.read(frame)).isEqualTo(new Inbound.Delivery("t", "b", "s"));
    }

    @Test
    void anUnterminatedReceiversArrayIsNotADelivery() {
        String frame = "{\"event\":\"message\",\"data\":{\"title\":\"t\",\"receivers\":[\"a\",\"b";

        assertThat(HeraldFrameReader.withoutReceivers(frame)).isSameAs(frame);
        assertThat(reader.read(frame)).isInstanceOf(Inbound.Other.class);
    }

    @Test
    void aLongReceiversArrayIsCutAndAShortOneParsedWholeWithTheSameMeaning() {
        String many = "[" + "\"u12345\",".repeat(300) + "\"a],\\\"title\\\":\"]";
        String cut = "{\"event\":\"message\",\"data\":{\"receivers\":" + many
                + ",\"title\":\"t\",\"body\":\"b\",\"sender\":{\"id\":\"s\"}}}";
        String whole = "{\"event\":\"message\",\"data\":{\"receivers\":[\"a],\\\"title\\\":\"]"
                + ",\"title\":\"t\",\"body\":\"b\",\"sender\":{\"id\":\"s\"}}}";

        assertThat(cut.length()).isGreaterThanOrEqualTo(HeraldFrameReader.CUT_FROM_CHARS);
        assertThat(whole.length()).isLessThan(HeraldFrameReader.CUT_FROM_CHARS);
        assertThat(reader.read(cut)).isEqualTo(new Inbound.Delivery("t", "b", "s"));
        assertThat(reader.read(whole)).isEqualTo(new Inbound.Delivery("t", "b", "s"));
    }

    @Test
    void fieldsMayComeInAnyOrder() {
        String frame = "{\"data\":{\"body\":\"b\",\"receivers\":" + RECEIVERS + ",\"sender\":{\"name\":\"N\","
                + "\"extra\":{\"id\":\"not this\"},\"id\":\"u2\"},\"title\":\"t\"},\"event\":\"message\"}";

        assertThat(reader.read(frame)).isEqualTo(new Inbound.Delivery("t", "b", "u2"));
    }

    @Test
    void aMessageWithoutATitleIsNotADelivery() {
        assertThat(reader.read("{\"event\":\"message\",\"data\":{\"body\":\"hi\",\"sender\":{\"id\":\"u1\"}}}"))
                .isInstanceOf(Inbound.Other.class);
    }

    @Test
    void missingBodyAndSenderReadAsEmpty() {
        assertThat(reader.read("{\"event\":\"message\",\"data\":{\"title\":\"t\"}}"))
                .isEqualTo(new Inbound.Delivery("t", "", ""));
    }

    @Test
    void acks() {
        assertThat(reader.read("{\"event\":\"ack\",\"id\":\"online\",\"data\":{\"user\":{\"id\":\"u1\"},\"unreadCount\":3}}"))
                .isInstanceOf(Inbound.OnlineAck.class);
        assertThat(reader.read("{\"event\":\"ack\",\"id\":\"42\",\"data\":{\"id\":\"x\",\"createdAt\":\"t\"}}"))
                .isEqualTo(new Inbound.MessageAck(42));
        assertThat(reader.read("{\"event\":\"ack\",\"id\":43,\"data\":{}}")).isEqualTo(new Inbound.MessageAck(43));
        assertThat(reader.read("{\"event\":\"ack\",\"id\":\"c-1\",\"data\":{}}")).isInstanceOf(Inbound.Other.class);
        assertThat(reader.read("{\"event\":\"ack\",\"id\":{\"n\":1},\"data\":{}}")).isInstanceOf(Inbound.Other.class);
    }

    @Test
    void exceptions() {
        assertThat(reader.read("{\"event\":\"exception\",\"id\":\"7\",\"data\":{\"status\":\"INVALID_ARGUMENT\","
                + "\"message\":\"m\",\"field\":\"receivers\"}}"))
                .isEqualTo(new Inbound.Failure(OptionalLong.of(7), "INVALID_ARGUMENT"));
        assertThat(reader.read("{\"event\":\"exception\",\"data\":{}}"))
                .isEqualTo(new Inbound.Failure(OptionalLong.empty(), "UNKNOWN"));
    }

    @Test
    void anythingElseIsOther() {
        for (String frame : List.of("not json", "", "[1,2]", "42", "{}", "{\"event\":\"presence\",\"data\":{}}",
                "{\"event\":null}", "{\"event\":\"message\",\"data\":{\"title\":\"t\",\"receivers\":[\"u1\"",
                "{\"event\":\"message\",\"data\":\"text\"}")) {
            assertThat(reader.read(frame)).as(frame).isInstanceOf(Inbound.Other.class);
        }
    }

    /** The tree parse the reader replaced, as the reference for the frames Herald sends. */
    @Test
    void agreesWithATreeParseOnHeraldFrames() throws Exception {
        for (String frame : List.of(
                "{\"event\":\"message\",\"data\":{\"id\":\"1\",\"sender\":{\"id\":\"u1\",\"name\":\"A\"},"
                        + "\"receivers\":" + RECEIVERS + ",\"title\":\"t\",\"body\":\"1|2|\",\"type\":\"\","
                        + "\"createdAt\":\"c\"}}",
                "{\"event\":\"ack\",\"id\":\"online\",\"data\":{\"user\":{\"id\":\"u1\",\"name\":\"A\"},"
                        + "\"unreadCount\":0}}",
                "{\"event\":\"ack\",\"id\":\"9\",\"data\":{\"id\":\"m\",\"createdAt\":\"c\"}}",
                "{\"event\":\"exception\",\"id\":\"9\",\"data\":{\"status\":\"UNAVAILABLE\",\"message\":\"m\"}}",
                "{\"event\":\"read\",\"data\":{\"id\":\"m\",\"reader\":\"u2\",\"readAt\":\"r\"}}")) {
            assertThat(reader.read(frame)).as(frame).isEqualTo(treeParse(frame));
        }
    }

    private Inbound treeParse(String text) throws Exception {
        JsonNode frame = mapper.readTree(text);
        JsonNode data = frame.path("data");
        JsonNode id = frame.path("id");
        OptionalLong seq = id.isIntegralNumber() ? OptionalLong.of(id.longValue())
                : id.isTextual() && id.textValue().matches("-?\\d+") ? OptionalLong.of(Long.parseLong(id.textValue()))
                : OptionalLong.empty();
        return switch (frame.path("event").asText()) {
            case "message" -> data.has("title") ? new Inbound.Delivery(data.path("title").asText(),
                    data.path("body").asText(), data.path("sender").path("id").asText()) : new Inbound.Other();
            case "ack" -> data.has("user") ? new Inbound.OnlineAck()
                    : seq.isPresent() ? new Inbound.MessageAck(seq.getAsLong()) : new Inbound.Other();
            case "exception" -> new Inbound.Failure(seq, data.path("status").asText("UNKNOWN"));
            default -> new Inbound.Other();
        };
    }
}
