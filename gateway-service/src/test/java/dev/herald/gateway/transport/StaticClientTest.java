package dev.herald.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticClientTest {

    @Test
    void copiesTheAppAndTheClientLibraryServedUnderLib() {
        try (StaticClient client = StaticClient.extract(Optional.empty())) {
            assertThat(client.root().resolve("index.html")).isRegularFile();
            assertThat(client.root().resolve("app.js")).isRegularFile();
            assertThat(client.root().resolve("js/session.js")).isRegularFile();
            // Copied from clients/js/src by the build, never kept twice in the tree.
            assertThat(client.root().resolve("lib/index.js")).isRegularFile();
            assertThat(client.root().resolve(StaticClient.CONFIG_FILE)).doesNotExist();
        }
    }

    @Test
    void namesTheDevelopmentTokenEndpointInConfigJsonWhenThereIsOne() throws Exception {
        try (StaticClient client = StaticClient.extract(Optional.of(URI.create("http://127.0.0.1:8090/token")))) {
            assertThat(Files.readString(client.root().resolve(StaticClient.CONFIG_FILE)))
                    .isEqualTo("{\"devTokenUrl\":\"http://127.0.0.1:8090/token\"}");
        }
    }

    @Test
    void removesItsCopyWhenClosed() {
        StaticClient client = StaticClient.extract(Optional.empty());
        client.close();
        assertThat(client.root()).doesNotExist();
    }
}
