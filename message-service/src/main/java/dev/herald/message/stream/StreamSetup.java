package dev.herald.message.stream;

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
 * Makes sure the stream every write goes through exists. Limits retention (not work-queue): the
 * persistence-worker's durable consumer tracks what is stored, and the stream keeps a week of
 * history for replays and new consumers.
 */
public final class StreamSetup {

    private static final Logger logger = LoggerFactory.getLogger(StreamSetup.class);
    private static final int STREAM_NOT_FOUND = 10059;

    private StreamSetup() {}

    public static void ensure(JetStreamManagement jsm, String streamName, String subjectPrefix)
            throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(streamName);
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
        StreamConfiguration config = StreamConfiguration.builder()
                .name(streamName)
                .subjects(subjectPrefix + ".>")
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(Duration.ofDays(7))
                .duplicateWindow(Duration.ofMinutes(2))
                .build();
        try {
            jsm.addStream(config);
            logger.info("created stream {} on {}.>", streamName, subjectPrefix);
        } catch (JetStreamApiException e) {
            // Another service created it between our lookup and our create: that is fine.
            jsm.getStreamInfo(streamName);
        }
    }
}
