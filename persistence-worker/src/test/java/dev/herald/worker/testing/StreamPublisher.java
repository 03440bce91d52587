package dev.herald.worker.testing;

import dev.herald.proto.v1.StreamEvent;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Publishes stream events the way the message-service does: subject per kind, Nats-Msg-Id per message. */
public final class StreamPublisher {

    private final JetStream js;
    private final String subjectPrefix;

    public StreamPublisher(Connection connection, String subjectPrefix) {
        try {
            this.js = connection.jetStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.subjectPrefix = subjectPrefix;
    }

    /** Publishes and waits for the ack; returns the stream sequence. */
    public long publish(StreamEvent event) {
        return publish(event, msgId(event));
    }

    /** Publishes under the given {@code Nats-Msg-Id} (none if null); returns the stream sequence. */
    public long publish(StreamEvent event, @Nullable String msgId) {
        try {
            PublishAck ack = js.publish(message(subject(event), event.toByteArray(), msgId));
            if (ack.isDuplicate()) {
                throw new IllegalStateException("JetStream dropped a duplicate: " + msgId);
            }
            return ack.getSeqno();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes on the message subject; returns the stream sequence. */
    public long publishRaw(byte[] data) {
        try {
            return js.publish(message(subjectPrefix + ".message", data, null)).getSeqno();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes many with acks in flight; returns the stream sequences in order. */
    public List<Long> publishAll(List<StreamEvent> events) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (StreamEvent event : events) {
            acks.add(js.publishAsync(message(subject(event), event.toByteArray(), msgId(event))));
        }
        return acks.stream().map(CompletableFuture::join).map(PublishAck::getSeqno).toList();
    }

    private String subject(StreamEvent event) {
        return subjectPrefix + switch (event.getKindCase()) {
            case MESSAGE_CREATED -> ".message";
            case USER_SEEN, USER_LAST_SEEN -> ".user";
            default -> ".update";
        };
    }

    private static @Nullable String msgId(StreamEvent event) {
        return event.hasMessageCreated() ? event.getMessageCreated().getId() : null;
    }

    private static NatsMessage message(String subject, byte[] data, @Nullable String msgId) {
        Headers headers = new Headers();
        if (msgId != null) {
            headers.put("Nats-Msg-Id", msgId);
        }
        return NatsMessage.builder().subject(subject).headers(headers).data(data).build();
    }
}
