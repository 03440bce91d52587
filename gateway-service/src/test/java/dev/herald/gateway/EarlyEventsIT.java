package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that sends requests right behind its {@code online}, without waiting for the ack. */
class EarlyEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @AfterEach
    void answerEverything() {
        env.backend().releaseOnlines();
    }

    @Test
    void carriesOutWhatWasSentBeforeTheAckAfterTheSignIn() throws Exception {
        String alice = GatewayExtension.user("alice");
        String token = env.token(alice);
        env.backend().holdOnlines();
        TestClient client = env.connect();
        int sendsAtStart = env.backend().sends.size();
        int apiCallsAtStart = env.backend().apiRequests.size();

        client.online("c1", token);
        client.message("m1", "first", "bob");
        client.send("inbox", "i1", "{}");
        client.message("m2", "second", "bob");
        await().atMost(WAIT).until(() -> env.backend().onlineCalls.contains(alice));
        int sendsBefore = env.backend().sends.size();
        int apiCallsBefore = env.backend().apiRequests.size();
        env.backend().releaseOnlines();

        assertThat(client.next().path("event").asText()).isEqualTo("ack");
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode reply = client.next();
            assertThat(reply.path("event").asText()).as("reply %s", reply).isEqualTo("ack");
            answered.add(reply.path("id").asText());
        }
        assertThat(sendsBefore).as("sends made while the sign-in was in progress").isEqualTo(sendsAtStart);
        assertThat(apiCallsBefore).as("API calls made while the sign-in was in progress").isEqualTo(apiCallsAtStart);
        assertThat(answered).containsExactlyInAnyOrder("m1", "i1", "m2");
        assertThat(env.backend().sends.subList(sendsAtStart, env.backend().sends.size()))
                .extracting(send -> send.getBody()).containsExactlyInAnyOrder("first", "second");
        assertThat(env.backend().apiRequests.subList(apiCallsAtStart, env.backend().apiRequests.size()))
                .singleElement().satisfies(call -> assertThat(call.token()).isEqualTo(token));
    }

    @Test
    void answersWhatWasSentBeforeAFailedSignInAsNotSignedIn() throws Exception {
        String alice = GatewayExtension.user("alice");
        env.backend().holdOnlines();
        env.backend().failNextOnline(Status.UNAVAILABLE.withDescription("message-service restarting"));
        TestClient client = env.connect();
        int sendsBefore = env.backend().sends.size();

        client.online("c1", env.token(alice));
        client.message("m1", "too early", "bob");
        await().atMost(WAIT).until(() -> env.backend().onlineCalls.contains(alice));
        env.backend().releaseOnlines();

        JsonNode failedOnline = client.next();
        assertThat(failedOnline.path("id").asText()).isEqualTo("c1");
        assertThat(failedOnline.at("/data/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(client.nextText()).isEqualTo("{\"event\":\"exception\",\"id\":\"m1\",\"data\":"
                + "{\"status\":\"UNAUTHENTICATED\",\"message\":\"send online with a token first\"}}");
        assertThat(env.backend().sends).hasSize(sendsBefore);
        client.online("c2", env.token(alice));
        assertThat(client.next().path("id").asText()).isEqualTo("c2");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void refusesAtOnceWhatExceedsTheEventsThatMayWait() throws Exception {
        String alice = GatewayExtension.user("alice");
        env.backend().holdOnlines();
        TestClient client = env.connect();
        int sendsBefore = env.backend().sends.size();
        int limit = 32; // Connection.EARLY_EVENTS_LIMIT, the documented figure

        client.online("c1", env.token(alice));
        for (int i = 1; i <= limit + 1; i++) {
            client.message("m" + i, "n" + i, "bob");
        }

        JsonNode refused = client.next();
        assertThat(refused.path("id").asText()).isEqualTo("m" + (limit + 1));
        assertThat(refused.at("/data/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(refused.at("/data/message").asText()).contains("at most 32");
        env.backend().releaseOnlines();
        assertThat(client.next().path("id").asText()).isEqualTo("c1");
        for (int i = 0; i < limit; i++) {
            assertThat(client.next().path("event").asText()).isEqualTo("ack");
        }
        assertThat(env.backend().sends).hasSize(sendsBefore + limit);
    }
}
