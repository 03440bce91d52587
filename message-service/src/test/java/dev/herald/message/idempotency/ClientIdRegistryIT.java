package dev.herald.message.idempotency;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.message.idempotency.ClientIdClaim.Progress;
import dev.herald.message.testing.BackendExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

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

        assertThat(claimed).isEqualTo(ClientIdClaim.fresh(first, now, claimed.revision()));
        assertThat(retried).isEqualTo(new ClientIdClaim(first, now, Progress.CLAIMED, claimed.revision()));
    }

    @Test
    void aRetryOfAMessageMarkedPublishedFindsItAccepted() {
        UUID first = UUID.randomUUID();
        ClientIdClaim claimed = registry.claim(alice, "key-3", first, now);

        registry.markPublished(alice, "key-3", claimed).join();

        ClientIdClaim retried = registry.claim(alice, "key-3", UUID.randomUUID(), now.plusSeconds(1));
        assertThat(retried.messageId()).isEqualTo(first);
        assertThat(retried.createdAt()).isEqualTo(now);
        assertThat(retried.progress()).isEqualTo(Progress.PUBLISHED);
        assertThat(retried.accepted()).isTrue();
    }

    @Test
    void aRetryMarkingAfterTheFirstSendDidKeepsItPublished() {
        UUID first = UUID.randomUUID();
        ClientIdClaim claimed = registry.claim(alice, "key-4", first, now);
        ClientIdClaim retried = registry.claim(alice, "key-4", UUID.randomUUID(), now);

        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        Logger registryLogger = (Logger) LoggerFactory.getLogger(ClientIdRegistry.class);
        warnings.start();
        registryLogger.addAppender(warnings);
        try {
            registry.markPublished(alice, "key-4", claimed).join();
            registry.markPublished(alice, "key-4", retried).join();
        } finally {
            registryLogger.detachAppender(warnings);
        }

        assertThat(registry.claim(alice, "key-4", UUID.randomUUID(), now).progress()).isEqualTo(Progress.PUBLISHED);
        assertThat(warnings.list).as("a mark that found it marked is no failure").isEmpty();
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

        assertThat(claim).isEqualTo(new ClientIdClaim(stored, now.minusSeconds(3600), Progress.STORED, 0));
    }

    @Test
    void everyInstanceOpensTheSameBucket() throws Exception {
        UUID first = UUID.randomUUID();
        registry.claim(alice, "key-2", first, now);

        assertThat(open().claim(alice, "key-2", UUID.randomUUID(), now).messageId()).isEqualTo(first);
    }

    private static ClientIdRegistry open() throws Exception {
        return ClientIdRegistry.open(backend.nats(), backend.stream() + "_CLIENT_IDS", Duration.ofHours(1), 1,
                backend.dsl());
    }
}
