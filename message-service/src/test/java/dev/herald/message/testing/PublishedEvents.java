package dev.herald.message.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.proto.v1.StreamEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the features wrote to the test stream, read back as the persistence-worker would read it. */
public final class PublishedEvents {

    private final JetStreamManagement jsm;
    private final String stream;
    private final String subjectPrefix;

    PublishedEvents(Connection nats, String stream, String subjectPrefix) {
        try {
            this.jsm = nats.jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.stream = stream;
        this.subjectPrefix = subjectPrefix;
    }

    /** How many writes the stream holds; compare before and after to tell that nothing was written. */
    public long count() throws IOException, JetStreamApiException {
        return jsm.getStreamInfo(stream).getStreamState().getMsgCount();
    }

    /** How many writes the stream holds on {@code <prefix>.<kind>} ({@code message}, {@code user}, {@code update}). */
    public long count(String kind) throws IOException, JetStreamApiException {
        List<Subject> subjects = jsm.getStreamInfo(stream, StreamInfoOptions.filterSubjects(subjectPrefix + "." + kind))
                .getStreamState().getSubjects();
        return subjects == null ? 0 : subjects.stream().mapToLong(Subject::getCount).sum();
    }

    /** The newest write on {@code <prefix>.<kind>}. */
    public StreamEvent last(String kind) throws IOException, JetStreamApiException {
        return parse(jsm.getLastMessage(stream, subjectPrefix + "." + kind));
    }

    /** Every write on {@code <prefix>.<kind>}, oldest first. */
    public List<StreamEvent> all(String kind) throws IOException, JetStreamApiException {
        List<StreamEvent> events = new ArrayList<>();
        long last = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
        for (long sequence = 1; sequence <= last; sequence++) {
            MessageInfo message = jsm.getMessage(stream, sequence);
            if (message.getSubject().equals(subjectPrefix + "." + kind)) {
                events.add(parse(message));
            }
        }
        return events;
    }

    private static StreamEvent parse(MessageInfo message) {
        try {
            return StreamEvent.parseFrom(message.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a StreamEvent on " + message.getSubject(), e);
        }
    }
}
