package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.SendRequest;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code message} to a room: exactly one of {@code receivers} and {@code room}, checked before any call. */
class RoomMessagingIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    private static final String ROOM_ID = "019ab2c4-0000-7000-8000-00000000000a";

    @Test
    void sendsARoomMessageAsTheRoomAndFansItOutWithTheRoom() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient sending = env.online(alice);
        TestClient other = env.online(alice);

        sending.send("message", "m1", "{\"room\":\"" + ROOM_ID + "\",\"body\":\"hi all\",\"clientId\":\"k-1\"}");

        JsonNode ack = sending.next();
        assertThat(ack.path("event").asText()).isEqualTo("ack");
        assertThat(ack.path("id").asText()).isEqualTo("m1");
        SendRequest sent = env.backend().sends.getLast();
        assertThat(sent.getRoomId()).isEqualTo(ROOM_ID);
        assertThat(sent.getReceiversList()).isEmpty();
        assertThat(sent.getBody()).isEqualTo("hi all");
        assertThat(sent.getClientId()).isEqualTo("k-1");
        JsonNode copy = other.next();
        assertThat(copy.path("event").asText()).isEqualTo("message");
        assertThat(copy.at("/data/room").asText()).isEqualTo(ROOM_ID);
        assertThat(copy.at("/data/id").asText()).isEqualTo(ack.at("/data/id").asText());
    }

    /** The message-service names the request's field, room_id; the client named it room. */
    @Test
    void namesTheRoomAsTheClientDidWhenTheMessageServiceRefusesIt() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        env.backend().failNextSend(Status.NOT_FOUND.withDescription("room not found: " + ROOM_ID), "room_id");

        client.send("message", "m4", "{\"room\":\"" + ROOM_ID + "\",\"body\":\"hi\"}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m4\",\"data\":{\"status\":"
                + "\"NOT_FOUND\",\"message\":\"room not found: " + ROOM_ID + "\",\"field\":\"room\"}}");
    }

    @Test
    void refusesBothReceiversAndRoomNamingRoom() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        int sends = env.backend().sends.size();

        client.send("message", "m2", "{\"receivers\":[\"bob\"],\"room\":\"" + ROOM_ID + "\",\"body\":\"hi\"}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m2\",\"data\":{\"status\":"
                + "\"INVALID_ARGUMENT\",\"message\":\"give either receivers or room, not both\",\"field\":\"room\"}}");
        assertThat(env.backend().sends).hasSize(sends);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void refusesNeitherReceiversNorRoomNamingReceivers() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        int sends = env.backend().sends.size();

        client.send("message", "m3", "{\"body\":\"hi\"}");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m3\",\"data\":{\"status\":"
                + "\"INVALID_ARGUMENT\",\"message\":\"receivers or room is required\",\"field\":\"receivers\"}}");
        assertThat(env.backend().sends).hasSize(sends);
        assertThat(client.isOpen()).isTrue();
    }
}
