package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.SendRequest;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending messages through the message-service and fanning deliveries out to sockets. */
class MessagingIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void acksAnAcceptedMessageWithItsIdAndTime() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(alice);

        client.send("message", "m1", "{\"receivers\":[\"" + bob + "\"],\"body\":\"hi\",\"title\":\"t\","
                + "\"type\":\"text\",\"clientId\":\"k-1\"}");

        JsonNode ack = client.next();
        assertThat(ack.path("event").asText()).isEqualTo("ack");
        assertThat(ack.path("id").asText()).isEqualTo("m1");
        assertThat(ack.at("/data/id").asText()).isNotBlank();
        assertThat(ack.at("/data/createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        SendRequest sent = env.backend().sends.getLast();
        assertThat(sent.getReceiversList()).containsExactly(bob);
        assertThat(sent.getBody()).isEqualTo("hi");
        assertThat(sent.getTitle()).isEqualTo("t");
        assertThat(sent.getType()).isEqualTo("text");
        assertThat(sent.getClientId()).isEqualTo("k-1");
        assertThat(sent.getOriginSession()).startsWith(env.gateway().gatewayId() + ":");
    }

    @Test
    void mapsABackendErrorWithItsStatusMessageAndField() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        env.backend().failNextSend(Status.NOT_FOUND.withDescription("unknown receiver: zed"), "receivers");

        client.message("m1", "hello", "zed");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m1\",\"data\":{\"status\":"
                + "\"NOT_FOUND\",\"message\":\"unknown receiver: zed\",\"field\":\"receivers\"}}");
    }

    @Test
    void omitsTheFieldWhenTheBackendNamesNone() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        env.backend().failNextSend(Status.PERMISSION_DENIED.withDescription("not allowed"), null);

        client.message("m1", "hello", "zed");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m1\",\"data\":{\"status\":"
                + "\"PERMISSION_DENIED\",\"message\":\"not allowed\"}}");
    }

    @Test
    void asksToRetryWhenTheBackendIsUnavailable() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));
        env.backend().failNextSend(Status.UNAVAILABLE.withDescription("JetStream down"), null);

        client.message("m1", "hello", "bob");

        JsonNode error = client.next();
        assertThat(error.at("/data/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error.at("/data/message").asText()).isEqualTo("message service unavailable, retry");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void fansOutToEverySocketOfTheReceiversAndTheSenderButTheOrigin() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient aliceOrigin = env.online(alice);
        TestClient aliceOther = env.online(alice);
        TestClient bobOne = env.online(bob);
        TestClient bobTwo = env.online(bob);

        aliceOrigin.send("message", "m1", "{\"receivers\":[\"" + bob + "\"],\"body\":\"first\",\"title\":\"T\"}");

        JsonNode ack = aliceOrigin.next();
        assertThat(ack.path("id").asText()).isEqualTo("m1");
        String messageId = ack.at("/data/id").asText();
        String expected = "{\"event\":\"message\",\"data\":{\"id\":\"" + messageId + "\",\"sender\":{\"id\":\"" + alice
                + "\",\"name\":\"Name of " + alice + "\"},\"receivers\":[\"" + bob + "\"],\"title\":\"T\",\"body\":"
                + "\"first\",\"type\":\"\",\"createdAt\":\"" + ack.at("/data/createdAt").asText() + "\"}}";
        assertThat(bobOne.nextText()).isEqualTo(expected);
        assertThat(bobTwo.nextText()).isEqualTo(expected);
        assertThat(aliceOther.nextText()).isEqualTo(expected);

        // Deliveries reach a socket in order: had the origin got a copy of "first", it would come before this.
        aliceOther.message("m2", "second", bob);
        JsonNode next = aliceOrigin.next();
        assertThat(next.path("event").asText()).isEqualTo("message");
        assertThat(next.at("/data/body").asText()).isEqualTo("second");
    }
}
