package dev.herald.stream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JetStream stream every write goes through, configured in this one place for the message-service, the
 * persistence-worker and the benchmarks: file storage, limits retention (not work-queue: the worker's durable
 * consumer tracks what is stored, and the stream keeps a week of history for replays and new consumers), a
 * 2 minute duplicate window for {@code Nats-Msg-Id}, and {@code HERALD_NATS_REPLICAS} copies. A stream that exists
 * already keeps its other settings (an operator may have tuned them) but is brought to the configured replicas
 * ({@link StreamReplicas}).
 */
public final class EventStream {

    private static final Logger logger = LoggerFactory.getLogger(EventStream.class);

    /** JetStream API error: stream not found. */
    private static final int STREAM_NOT_FOUND = 10059;
    /** JetStream API error: stream name already in use (with another configuration). */
    private static final int STREAM_NAME_IN_USE = 10058;

    private EventStream() {}

    /** Creates the stream holding {@code <subjectPrefix>.>} unless it exists, and keeps it at {@code replicas}. */
    public static void ensure(Connection nats, String stream, String subjectPrefix, int replicas)
            throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.jetStreamManagement();
        try {
            StreamReplicas.bringTo(jsm, jsm.getStreamInfo(stream), replicas);
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
        try {
            StreamReplicas.requireReplicas(jsm.addStream(configuration(stream, subjectPrefix, replicas)), replicas);
            logger.atInfo().addKeyValue("stream", stream).addKeyValue("replicas", replicas)
                    .log("created the event stream");
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
                // Another service created it between the look-up and the create: keep theirs, at our replicas.
                StreamReplicas.bringTo(jsm, jsm.getStreamInfo(stream), replicas);
                return;
            }
            if (replicas > 1) {
                throw StreamReplicas.refused(stream, replicas, e);
            }
            throw e;
        }
    }

    /** The stream's configuration: {@code stream} holding {@code <subjectPrefix>.>} in {@code replicas} copies. */
    public static StreamConfiguration configuration(String stream, String subjectPrefix, int replicas) {
        return StreamConfiguration.builder()
                .name(stream)
                .subjects(subjectPrefix + ".>")
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(Duration.ofDays(7))
                .duplicateWindow(Duration.ofMinutes(2))
                .replicas(replicas)
                .build();
    }
}
