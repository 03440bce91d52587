package dev.herald.message.idempotency;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.testing.BackendExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The clientId registry against a real key-value bucket and database. */
class ClientIdRegistryIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private ClientIdRegistry registry;
    private String alice;

    @BeforeEach
    void registry() throws Exception {
        registry = open();
        alice = unique("alice");
    }

    @Test
    void theFirstClaimOwnsTheClientIdAndLaterClaimsGetItsMessage() {
        UUID first = UUID.randomUUID();

        ClientIdClaim claimed = registry.claim(alice, "key-1", first, now);
        ClientIdClaim retried = registry.claim(alice, "key-1", UUID.randomUUID(), now.plusSeconds(1));

        assertThat(claimed).isEqualTo(ClientIdClaim.fresh(first, now));
        assertThat(retried).isEqualTo(new ClientIdClaim(first, now, false, false));
    }

    @Test
    void aClientIdBelongsToItsSender() {
        UUID alices = UUID.randomUUID();
        UUID bobs = UUID.randomUUID();

        registry.claim(alice, "shared", alices, now);

        assertThat(registry.claim(unique("bob"), "shared", bobs, now).messageId()).isEqualTo(bobs);
    }

    @Test
    void aStoredMessageOwnsItsClientIdEvenWhenTheBucketForgotIt() {
        UUID stored = backend.rows().message(alice).clientId("old-key").at(now.minusSeconds(3600)).store();

        ClientIdClaim claim = registry.claim(alice, "old-key", UUID.randomUUID(), now);

        assertThat(claim).isEqualTo(new ClientIdClaim(stored, now.minusSeconds(3600), false, true));
    }

    @Test
    void everyInstanceOpensTheSameBucket() throws Exception {
        UUID first = UUID.randomUUID();
        registry.claim(alice, "key-2", first, now);

        assertThat(open().claim(alice, "key-2", UUID.randomUUID(), now).messageId()).isEqualTo(first);
    }

    private static ClientIdRegistry open() throws Exception {
        return ClientIdRegistry.open(backend.nats(), backend.stream() + "_CLIENT_IDS", Duration.ofHours(1),
                backend.dsl());
    }
}
