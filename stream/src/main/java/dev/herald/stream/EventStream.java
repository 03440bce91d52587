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
 * consumer tracks what is stored, and the stream keeps a week of history for replays and new consumers), and a
 * 2 minute duplicate window for {@code Nats-Msg-Id}. A stream that exists already is left as it is.
 */
public final class EventStream {

    private static final Logger logger = LoggerFactory.getLogger(EventStream.class);

    /** JetStream API error: stream not found. */
    private static final int STREAM_NOT_FOUND = 10059;
    /** JetStream API error: stream name already in use (with another configuration). */
    private static final int STREAM_NAME_IN_USE = 10058;

    private EventStream() {}

    /** Creates the stream holding {@code <subjectPrefix>.>} unless it exists. */
    public static void ensure(Connection nats, String stream, String subjectPrefix)
            throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.jetStreamManagement();
        try {
            jsm.getStreamInfo(stream);
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
        try {
            jsm.addStream(configuration(stream, subjectPrefix));
            logger.atInfo().addKeyValue("stream", stream).log("created the event stream");
        } catch (JetStreamApiException e) {
            // Another service created it between the look-up and the create: leave theirs.
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
        }
    }

    /** The stream's configuration: {@code stream} holding {@code <subjectPrefix>.>}. */
    public static StreamConfiguration configuration(String stream, String subjectPrefix) {
        return StreamConfiguration.builder()
                .name(stream)
                .subjects(subjectPrefix + ".>")
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(Duration.ofDays(7))
                .duplicateWindow(Duration.ofMinutes(2))
                .build();
    }
}
