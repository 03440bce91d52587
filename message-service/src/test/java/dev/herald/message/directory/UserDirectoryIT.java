package dev.herald.message.directory;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.testing.BackendExtension;
import dev.herald.proto.v1.UserSeen;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who is a known receiver, and recording users going online, against a real stream and database. */
class UserDirectoryIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private UserDirectory directory;
    private String alice;
    private String bob;

    @BeforeEach
    void directory() {
        directory = directory(BackendExtension.STORED_WAIT);
        alice = unique("alice");
        bob = unique("bob");
    }

    @Test
    void storedOnlineAndRememberedUsersAreKnownAndTheFirstUnknownIsNamed() {
        backend.rows().user(alice, "Alice");
        backend.links().open(bob);
        String remembered = unique("remembered");
        directory.remember(remembered);
        String nobody = unique("nobody");

        directory.requireKnown(List.of(alice, bob, remembered), "receivers");
        assertThatThrownBy(() -> directory.requireKnown(List.of(alice, nobody, unique("other")), "receivers"))
                .isInstanceOfSatisfying(HeraldException.NotFound.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unknown receiver: " + nobody);
                    assertThat(e.field()).isEqualTo("receivers");
                });
    }

    @Test
    void goingOnlineWritesTheUserThroughTheStreamAndMakesItKnown() throws Exception {
        UserRegistration registration = registration();

        DirectoryUser recorded = registration.online(user(alice, "Alice")).join();

        assertThat(recorded).isEqualTo(new DirectoryUser(alice, "Alice"));
        UserSeen seen = backend.events().last("user").getUserSeen();
        assertThat(seen.getUser().getId()).isEqualTo(alice);
        assertThat(seen.getUser().getName()).isEqualTo("Alice");
        // Not stored (no worker runs), yet known to this instance at once.
        directory.requireKnown(List.of(alice), "receivers");
    }

    @Test
    void aUserStoredAMomentAfterTheCheckBeganIsFoundOnceTheWorkerCaughtUp() throws Exception {
        // The test plays the persistence-worker: it stores the row, then acks the write, as the worker does.
        backend.nats().jetStreamManagement().addOrUpdateConsumer(backend.stream(), ConsumerConfiguration.builder()
                .durable(BackendExtension.DURABLE).ackPolicy(AckPolicy.Explicit).build());
        JetStreamSubscription worker = backend.nats().jetStream()
                .subscribe(null, PullSubscribeOptions.bind(backend.stream(), BackendExtension.DURABLE));
        new UserRegistration(backend.publisher(), directory(Duration.ZERO), backend.queries(), backend.consistency(),
                Clock.systemUTC()).online(user(bob, "Bob")).join(); // another instance saw bob go online
        CompletableFuture<Void> check = CompletableFuture.runAsync(
                () -> directory(Duration.ofSeconds(10)).requireKnown(List.of(bob), "receivers"));

        // Not stored yet: the check waits for the worker instead of answering "unknown".
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !check.isDone());
        backend.rows().user(bob, "Bob");
        for (Message write : worker.fetch(1000, Duration.ofSeconds(1))) {
            write.ackSync(Duration.ofSeconds(2));
        }

        check.get(10, TimeUnit.SECONDS); // found, not NOT_FOUND
    }

    @Test
    void aReturningUserWithTheStoredNameIsNotWrittenAgainYetKnown() throws Exception {
        backend.rows().user(alice, "Alice");
        long userWrites = backend.events().count("user");

        DirectoryUser recorded = registration().online(user(alice, "Alice")).join();

        assertThat(recorded).isEqualTo(new DirectoryUser(alice, "Alice"));
        assertThat(backend.events().count("user")).as("no user record published").isEqualTo(userWrites);
        directory.requireKnown(List.of(alice), "receivers");
    }

    @Test
    void aReturningUserWithAnotherNameIsWrittenWithIt() throws Exception {
        backend.rows().user(alice, "Alice");
        long userWrites = backend.events().count("user");

        DirectoryUser recorded = registration().online(user(alice, "Alice Liddell")).join();

        assertThat(recorded).isEqualTo(new DirectoryUser(alice, "Alice Liddell"));
        assertThat(backend.events().count("user")).isEqualTo(userWrites + 1);
        UserSeen seen = backend.events().last("user").getUserSeen();
        assertThat(seen.getUser().getId()).isEqualTo(alice);
        assertThat(seen.getUser().getName()).isEqualTo("Alice Liddell");
    }

    @Test
    void aUserNotStoredYetIsWrittenAtEverySignInUntilItIs() throws Exception {
        long userWrites = backend.events().count("user");

        registration().online(user(bob, "Bob")).join();
        registration().online(user(bob, "Bob")).join();

        // No worker stores the first sighting here: the second sign-in cannot know it and writes again (harmless).
        assertThat(backend.events().count("user")).isEqualTo(userWrites + 2);
    }

    private UserRegistration registration() {
        return new UserRegistration(backend.publisher(), directory, backend.queries(), backend.consistency(),
                Clock.systemUTC());
    }

    private static VerifiedUser user(String id, String name) {
        return new VerifiedUser(id, name, Set.of(), Instant.now().plusSeconds(600));
    }

    private UserDirectory directory(Duration storedWait) {
        return new UserDirectory(backend.dsl(), backend.presence(), backend.watermark(), storedWait, 1000);
    }
}
