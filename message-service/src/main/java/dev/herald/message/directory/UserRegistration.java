package dev.herald.message.directory;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Records a user going online: its directory entry (id from {@code sub}, name from the token's {@code name} claim) is
 * written through the stream like every write, but only when the directory does not hold the user yet or holds
 * another name. A returning user with the same name costs one primary-key read instead of a stream write and its
 * upsert: nothing the entry holds would change ({@code created_at} and {@code first_sequence} keep the earliest
 * sighting; {@code updated_at} is the latest change of name; {@code last_seen_at} is written when the user's last
 * socket closes, not here).
 *
 * <p>The directory is read once every write accepted before on the message watermark is stored, which covers the
 * update subject: an erasure or a provisioning accepted before this sign-in is seen, so an erased user is written
 * again (a new user, its announcements starting anew) and never skipped on its old row. A sighting still in flight
 * (on the user subject, not waited for) is simply not found, and the user is written again: harmless, as the upsert
 * converges.
 */
public final class UserRegistration {

    private final EventPublisher publisher;
    private final UserDirectory directory;
    private final QueryRunner queries;
    private final Consistency consistency;
    private final Clock clock;

    public UserRegistration(EventPublisher publisher, UserDirectory directory, QueryRunner queries,
            Consistency consistency, Clock clock) {
        this.publisher = requireNonNull(publisher, "publisher");
        this.directory = requireNonNull(directory, "directory");
        this.queries = requireNonNull(queries, "queries");
        this.consistency = requireNonNull(consistency, "consistency");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Completes with the user as recorded: at once when the directory holds it with this name, else once the write is
     * durable. Blocks while it waits for earlier writes (bounded): call it off the transport's threads.
     */
    public CompletableFuture<DirectoryUser> online(VerifiedUser caller) {
        DirectoryUser user = new DirectoryUser(caller.id(), caller.name());
        consistency.awaitEarlierWrites();
        if (queries.run(new SelectStoredName(user.id())).filter(user.name()::equals).isPresent()) {
            directory.remember(user.id());
            return CompletableFuture.completedFuture(user);
        }
        return publisher.publishSeen(user, clock.instant()).thenApply(ack -> {
            directory.remember(user.id());
            return user;
        });
    }
}
