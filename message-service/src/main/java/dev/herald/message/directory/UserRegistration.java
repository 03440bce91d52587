package dev.herald.message.directory;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.stream.EventPublisher;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Records a user going online: its directory entry (id from {@code sub}, name from the token's
 * {@code name} claim, refreshed each time) is written through the stream like every write.
 */
public final class UserRegistration {

    private final EventPublisher publisher;
    private final UserDirectory directory;
    private final Clock clock;

    public UserRegistration(EventPublisher publisher, UserDirectory directory, Clock clock) {
        this.publisher = publisher;
        this.directory = directory;
        this.clock = clock;
    }

    /** Completes with the user as recorded once the write is durable. */
    public CompletableFuture<DirectoryUser> online(VerifiedUser caller) {
        DirectoryUser user = new DirectoryUser(caller.id(), caller.name());
        return publisher.publishSeen(user, clock.instant()).thenApply(ack -> {
            directory.remember(user.id());
            return user;
        });
    }
}
