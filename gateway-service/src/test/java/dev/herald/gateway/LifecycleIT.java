package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leaving, shutting down, and the browser client. */
class LifecycleIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    void offlineClosesTheSocketNormallyAndTheUserGoesOffline() throws Exception {
        String alice = GatewayExtension.user("alice");
        TestClient client = env.online(alice);

        client.send("offline", "bye", "{}");

        assertThat(client.awaitCloseCode()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> !env.backend().onlineUsers().contains(alice));
    }

    @Test
    void shutdownClosesSocketsWithGoingAway() throws Exception {
        String alice = GatewayExtension.user("alice");
        GatewayServer second = GatewayServer.start(env.config());
        TestClient signedIn;
        TestClient anonymous;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.linksUp() == 1);
            signedIn = env.connect(second.port());
            signedIn.online("c1", env.token(alice));
            assertThat(signedIn.next().path("event").asText()).isEqualTo("ack");
            anonymous = env.connect(second.port());
        } finally {
            second.close();
        }

        assertThat(signedIn.awaitCloseCode()).isEqualTo(1001);
        assertThat(anonymous.awaitCloseCode()).isEqualTo(1001);
        await().atMost(Duration.ofSeconds(5)).until(() -> !env.backend().onlineUsers().contains(alice));
    }

    @Test
    void servesTheBrowserAppWithTheClientLibraryAndNoConfigWithoutATokenEndpoint() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI root = URI.create("http://127.0.0.1:" + env.gateway().port() + "/");

        HttpResponse<String> page = get(http, root);
        HttpResponse<String> app = get(http, root.resolve("app.js"));
        HttpResponse<String> library = get(http, root.resolve("lib/index.js"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Herald</title>", "<script type=\"module\" src=\"/app.js\">");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.body()).contains("import ");
        // That browsers run them as ES modules (served as JavaScript) is BrowserAppIT's to show, in Chromium.
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("HeraldClient");
        assertThat(get(http, root.resolve("config.json")).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
