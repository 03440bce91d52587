package dev.herald.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.identity.BenchUser;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProtocolDecodeTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HeraldProtocol herald = new HeraldProtocol(mapper);
    private final NestSeedProtocol nest = new NestSeedProtocol(mapper);
    private final BenchUser alice = new BenchUser("u1", "Alice", "tok\"en");

    @Test
    void heraldFramesCarryTheSeqAsRequestId() throws Exception {
        final JsonNode online = mapper.readTree(herald.onlineFrame(alice));
        assertThat(online.path("event").asText()).isEqualTo("online");
        assertThat(online.path("data").path("token").asText()).isEqualTo("tok\"en");

        final JsonNode message = mapper.readTree(herald.messageFrame(alice, List.of("u2", "u3"), "tag", "1|2|", 42));
        assertThat(message.path("id").asText()).isEqualTo("42");
        assertThat(message.path("data").path("receivers")).hasSize(2);
        assertThat(message.path("data").path("title").asText()).isEqualTo("tag");
        assertThat(message.path("data").has("token")).isFalse();
    }

    @Test
    void aHeraldRoomMessageNamesTheRoomAndNoReceivers() throws Exception {
        final JsonNode message = mapper.readTree(herald.roomMessageFrame("room-1", "tag", "1|7|", 7));
        assertThat(message.path("event").asText()).isEqualTo("message");
        assertThat(message.path("id").asText()).isEqualTo("7");
        assertThat(message.path("data").path("room").asText()).isEqualTo("room-1");
        assertThat(message.path("data").has("receivers")).isFalse();
        assertThat(message.path("data").path("title").asText()).isEqualTo("tag");
        assertThat(message.path("data").path("body").asText()).isEqualTo("1|7|");
    }

    @Test
    void heraldServerFrames() {
        assertThat(herald.decode("{\"event\":\"ack\",\"id\":\"online\",\"data\":{\"user\":{\"id\":\"u1\"}}}"))
                .isInstanceOf(Inbound.OnlineAck.class);
        assertThat(herald.decode("{\"event\":\"ack\",\"id\":\"42\",\"data\":{\"id\":\"x\",\"createdAt\":\"t\"}}"))
                .isEqualTo(new Inbound.MessageAck(42));
        assertThat(herald.decode("{\"event\":\"message\",\"data\":{\"id\":\"x\",\"sender\":{\"id\":\"u1\"},"
                                 + "\"receivers\":[\"u2\"],\"title\":\"tag\",\"body\":\"1|2|\"}}"))
                .isEqualTo(new Inbound.Delivery("tag", "1|2|", "u1"));
        assertThat(herald.decode("{\"event\":\"exception\",\"id\":\"7\",\"data\":{\"status\":\"INVALID_ARGUMENT\"}}"))
                .isEqualTo(new Inbound.Failure(OptionalLong.of(7), "INVALID_ARGUMENT"));
        assertThat(herald.decode("{\"event\":\"exception\",\"data\":{\"status\":\"UNAUTHENTICATED\"}}"))
                .isEqualTo(new Inbound.Failure(OptionalLong.empty(), "UNAUTHENTICATED"));
        assertThat(herald.decode("not json")).isInstanceOf(Inbound.Other.class);
        assertThat(herald.decode("{\"event\":\"presence\"}")).isInstanceOf(Inbound.Other.class);
    }

    @Test
    void nestSeedFramesCarryTheTokenAndHaveNoAcks() throws Exception {
        final JsonNode message = mapper.readTree(nest.messageFrame(alice, List.of("u2"), "tag", "b", 42));
        assertThat(message.has("id")).isFalse();
        assertThat(message.path("data").path("token").asText()).isEqualTo("tok\"en");
        assertThat(nest.acksMessages()).isFalse();
        assertThat(nest.decode("{\"event\":\"online\",\"data\":{\"id\":\"u1\"}}"))
                .isInstanceOf(Inbound.OnlineAck.class);
        assertThat(nest.decode("{\"event\":\"message\",\"data\":{\"body\":\"I'm online now!\",\"sender\":{}}}"))
                .isInstanceOf(Inbound.Other.class);
        assertThat(nest.decode("{\"event\":\"message\",\"data\":{\"title\":\"t\",\"body\":\"b\",\"sender\":"
                               + "{\"id\":\"u9\"}}}")).isEqualTo(new Inbound.Delivery("t", "b", "u9"));
        assertThat(nest.decode("{\"event\":\"exception\",\"data\":{\"status\":\"error\",\"message\":"
                               + "\"You are not on line\"}}"))
                .isEqualTo(new Inbound.Failure(OptionalLong.empty(), "\"You are not on line\""));
    }
}
