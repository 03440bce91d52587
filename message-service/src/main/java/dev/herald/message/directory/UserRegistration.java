package dev.herald.message.directory;

import com.google.protobuf.Timestamp;
import dev.herald.auth.VerifiedUser;
import dev.herald.message.stream.EventPublisher;
import dev.herald.proto.v1.User;
import dev.herald.proto.v1.UserSeen;
import java.time.Clock;
import java.time.Instant;
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
    public CompletableFuture<User> online(VerifiedUser caller) {
        User user = User.newBuilder().setId(caller.id()).setName(caller.name()).build();
        Instant now = clock.instant();
        UserSeen seen = UserSeen.newBuilder()
                .setUser(user)
                .setSeenAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        return publisher.publish(seen).thenApply(ack -> {
            directory.remember(user.getId());
            return user;
        });
    }
}
