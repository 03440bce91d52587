package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames the gateway cannot use: each gets an answer, and only oversized ones cost the socket (more of those in
 * {@link OversizedFramesIT}).
 */
class FramesIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void answersEveryMalformedFrameAndKeepsTheSocketUsable() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.online(alice);

        client.send("{\"event\":");
        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"data\":"
                + "{\"status\":\"INVALID_ARGUMENT\",\"message\":\"malformed JSON\"}}");

        client.send("[\"message\"]");
        assertThat(client.next().at("/data/message").asText()).isEqualTo("frame must be a JSON object");

        client.send("{\"id\":\"e1\",\"data\":{}}");
        assertError(client.next(), "e1", "event must be a string", "event");

        client.send("{\"id\":\"e2\",\"event\":\"subscribe\"}");
        assertError(client.next(), "e2", "unknown event: subscribe", "event");

        client.send("{\"id\":\"e3\",\"event\":\"message\",\"data\":[1]}");
        assertError(client.next(), "e3", "data must be an object", "data");

        client.send("message", "e4", "{\"receivers\":\"bob\",\"body\":\"x\"}");
        assertError(client.next(), "e4", "receivers must be an array of strings", "receivers");

        client.send("message", "e5", "{\"receivers\":[\"bob\"],\"body\":42}");
        assertError(client.next(), "e5", "body must be a string", "body");

        client.send("message", "e6", "{\"receivers\":[\"bob\"],\"body\":\"x\",\"title\":false}");
        assertError(client.next(), "e6", "title must be a string", "title");

        client.message("ok", "still usable", alice);
        assertThat(client.next().path("id").asText()).isEqualTo("ok");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void answersBinaryFramesWithAnException() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));

        client.sendBinary(new byte[] {1, 2, 3});

        JsonNode error = client.next();
        assertThat(error.at("/data/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.at("/data/message").asText()).isEqualTo("binary frames are not supported");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void closesASocketThatSendsAnOversizedFrameAndNoOtherOne() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient big = env.online(alice);
        TestClient other = env.online(bob);

        big.message("huge", "x".repeat(env.config().maxFrameBytes() + 1), bob);

        assertThat(big.awaitCloseCode()).isEqualTo(1009);
        other.message("m1", "unaffected", alice, bob);
        assertThat(other.next().path("id").asText()).isEqualTo("m1");
        assertThat(other.isOpen()).isTrue();
        assertThat(env.backend().sends).noneMatch(send -> send.getBody().length() > 1000);
    }

    @Test
    void closesASocketThatSendsAnOversizedBinaryFrame() throws Exception {
        TestClient client = env.online(GatewayExtension.user("alice"));

        client.sendBinary(new byte[env.config().maxFrameBytes() + 1]);

        assertThat(client.awaitCloseCode()).isEqualTo(1009);
    }

    @Test
    void acceptsAFrameJustUnderTheLimit() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.online(alice);
        String envelope = "{\"event\":\"message\",\"id\":\"fit\",\"data\":{\"receivers\":[\"" + alice + "\"],\"body\":\"\"}}";

        client.send(envelope.replace("\"body\":\"\"",
                "\"body\":\"" + "y".repeat(env.config().maxFrameBytes() - envelope.length()) + "\""));

        assertThat(client.next().path("id").asText()).isEqualTo("fit");
    }

    private static void assertError(JsonNode frame, String id, String message, String field) {
        assertThat(frame.path("event").asText()).isEqualTo("exception");
        assertThat(frame.path("id").asText()).isEqualTo(id);
        assertThat(frame.at("/data/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(frame.at("/data/message").asText()).isEqualTo(message);
        assertThat(frame.at("/data/field").asText()).isEqualTo(field);
    }
}
