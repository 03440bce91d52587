package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing a socket in with {@code online}. */
class OnlineIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void acksWithTheStoredUserAndTheRequestId() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.connect();

        client.online("c1", env.token(alice));

        assertThat(client.nextText()).isEqualTo("{\"event\":\"ack\",\"id\":\"c1\",\"data\":{\"user\":{\"id\":\""
                + alice + "\",\"name\":\"Name of " + alice + "\"},\"unreadCount\":0}}");
        assertThat(env.backend().onlineCalls).contains(alice);
    }

    @Test
    void carriesTheUnreadCountAsANumber() throws Exception {
        String bob = GatewayExtension.user("bob");
        env.backend().unreadCount(bob, 42);
        TestClient client = env.connect();

        client.online("c1", env.token(bob));

        JsonNode ack = client.next();
        assertThat(ack.at("/data/unreadCount").isIntegralNumber()).isTrue();
        assertThat(ack.at("/data/unreadCount").longValue()).isEqualTo(42);
    }

    @Test
    void echoesANumericIdAndOmitsAMissingOne() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.connect();

        client.send("{\"event\":\"online\",\"id\":17,\"data\":{\"token\":\"" + env.token(alice) + "\"}}");
        assertThat(client.next().get("id").isInt()).isTrue();

        client.send("{\"event\":\"online\",\"data\":{\"token\":\"" + env.token(alice) + "\"}}");
        JsonNode refreshed = client.next();
        assertThat(refreshed.path("event").asText()).isEqualTo("ack");
        assertThat(refreshed.has("id")).isFalse();
    }

    @Test
    void refusesOtherEventsBeforeOnlineButKeepsTheSocket() throws Exception {
        TestClient client = env.connect();

        client.message("m1", "too early", "bob");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m1\",\"data\":"
                + "{\"status\":\"UNAUTHENTICATED\",\"message\":\"send online with a token first\"}}");
        client.send("offline", "o1", "{}");
        assertThat(client.next().at("/data/status").asText()).isEqualTo("UNAUTHENTICATED");

        client.online("c1", env.token(GatewayExtension.user("alice")));
        assertThat(client.next().path("event").asText()).isEqualTo("ack");
    }

    @Test
    void closesWithPolicyViolationOnAMalformedToken() throws Exception {
        TestClient client = env.connect();

        client.online("c1", "not-a-jwt");

        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"c1\",\"data\":"
                + "{\"status\":\"UNAUTHENTICATED\",\"message\":\"token is malformed\"}}");
        assertThat(client.awaitCloseCode()).isEqualTo(1008);
    }

    @Test
    void closesWithPolicyViolationOnAnExpiredToken() throws Exception {
        TestClient client = env.connect();

        client.online("c1", env.expiredToken(GatewayExtension.user("alice")));

        assertThat(client.next().at("/data/message").asText()).isEqualTo("token expired");
        assertThat(client.awaitClose().getCloseCode().getCode()).isEqualTo(1008);
    }

    @Test
    void refreshesTheTokenInPlaceForTheSameUser() throws Exception {
        String alice = GatewayExtension.user("alice");
        String bob = GatewayExtension.user("bob");
        TestClient client = env.online(alice);

        client.online("again", env.token(alice));
        JsonNode ack = client.next();
        client.message("m1", "still here", bob);

        assertThat(ack.path("id").asText()).isEqualTo("again");
        assertThat(ack.at("/data/user/id").asText()).isEqualTo(alice);
        assertThat(client.next().path("id").asText()).isEqualTo("m1");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void refusesATokenOfAnotherUserAndKeepsTheFirstIdentity() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.online(alice);

        client.online("swap", env.token(GatewayExtension.user("mallory")));

        JsonNode error = client.next();
        assertThat(error.path("event").asText()).isEqualTo("exception");
        assertThat(error.at("/data/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.at("/data/field").asText()).isEqualTo("token");
        client.message("m1", "who am i", alice);
        assertThat(client.next().path("id").asText()).isEqualTo("m1");
        assertThat(env.backend().sends.getLast().getOriginSession()).startsWith(env.gateway().gatewayId() + ":");
    }
}
