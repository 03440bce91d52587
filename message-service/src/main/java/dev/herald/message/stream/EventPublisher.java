package dev.herald.message.stream;

import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.trace.CallTrace;
import dev.herald.observability.trace.Traceparent;
import dev.herald.proto.v1.StreamEvent;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Publishes writes to the stream asynchronously, with many publishes in flight; each returned
 * future completes when JetStream has acknowledged the write, which is the moment it is durable.
 * Messages carry their id as {@code Nats-Msg-Id}, so a retried publish is dropped by JetStream, and every record
 * published for a call carries the call's trace as a {@code traceparent} header, for the worker's log lines.
 */
public final class EventPublisher {

    private final JetStream jetStream;
    private final String subjectPrefix;
    private final String messageSubject;
    private final String userSubject;
    private final String updateSubject;
    private final Duration ackTimeout;
    private final PublishMeters meters;

    public EventPublisher(JetStream jetStream, String subjectPrefix, Duration ackTimeout, PublishMeters meters) {
        this.jetStream = jetStream;
        this.subjectPrefix = subjectPrefix;
        this.messageSubject = subjectPrefix + ".message";
        this.userSubject = subjectPrefix + ".user";
        this.updateSubject = subjectPrefix + ".update";
        this.ackTimeout = ackTimeout;
        this.meters = meters;
    }

    /** Where message creations go. */
    public String messageSubject() {
        return messageSubject;
    }

    /** Whether the stream holds what is published on the subject ({@code <prefix>.>}). */
    public boolean isStreamSubject(String subject) {
        return subject.startsWith(subjectPrefix + ".") && subject.length() > subjectPrefix.length() + 1;
    }

    /** Where changes to stored messages, receipts and users go. */
    public String updateSubject() {
        return updateSubject;
    }

    /** Publishes a new message; the ack says whether JetStream already had it (a retry under the same id). */
    public CompletableFuture<PublishAck> publish(DirectMessage message) {
        PublishOptions options = PublishOptions.builder().messageId(message.id().toString()).build();
        return publish(messageSubject, StreamEvents.created(message), options);
    }

    /** Publishes the directory write of a user going online. */
    public CompletableFuture<PublishAck> publishSeen(DirectoryUser user, Instant seenAt) {
        return publish(userSubject, StreamEvents.seen(user, seenAt), null);
    }

    /** Publishes when a user's last socket anywhere closed ({@code users.last_seen_at}). */
    public CompletableFuture<PublishAck> publishLastSeen(String userId, Instant lastSeenAt) {
        return publish(userSubject, StreamEvents.lastSeen(userId, lastSeenAt), null);
    }

    /** Publishes a change to stored messages, receipts or users (read, delete, recall, purge, provision). */
    public CompletableFuture<PublishAck> publishUpdate(StreamUpdate update) {
        return publish(updateSubject, StreamEvents.update(update), null);
    }

    /**
     * Publishes a stored record again, byte for byte, on its subject (an admin retrying a dead letter). Under its own
     * {@code Nats-Msg-Id}: the original's (a message id) may still be in JetStream's duplicate window, and a retry
     * of the same dead letter repeated within it is dropped.
     */
    public CompletableFuture<PublishAck> republish(String subject, byte[] payload, String msgId) {
        return publish(subject, payload, PublishOptions.builder().messageId(msgId).build());
    }

    private CompletableFuture<PublishAck> publish(String subject, StreamEvent event, PublishOptions options) {
        return publish(subject, event.toByteArray(), options);
    }

    private CompletableFuture<PublishAck> publish(String subject, byte[] payload, PublishOptions options) {
        CompletableFuture<PublishAck> ack;
        long startedAt = System.nanoTime();
        try {
            ack = jetStream.publishAsync(subject, traceHeaders(), payload, options);
        } catch (RuntimeException e) {
            meters.failed(e);
            return CompletableFuture.failedFuture(unavailable(e));
        }
        CompletableFuture<PublishAck> timed = ack.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        // A branch of its own: the caller's future fails with the cause itself, not wrapped by another stage.
        timed.whenComplete((acked, failure) -> meters.record(startedAt, failure));
        return timed.exceptionallyCompose(failure -> CompletableFuture.failedFuture(unavailable(failure)));
    }

    /** The calling request's trace, as the publish's own span of it; none outside a call (presence timers). */
    private static @Nullable Headers traceHeaders() {
        Traceparent trace = CallTrace.current();
        if (trace == null) {
            return null;
        }
        Headers headers = new Headers();
        headers.put(Traceparent.HEADER, trace.child().format());
        return headers;
    }

    private static HeraldException unavailable(Throwable cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }
}
