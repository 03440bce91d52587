package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of a client frame, read before its event: knowing the request id first lets an error in the
 * event's data still be answered with that id.
 *
 * @param id    the client's request id, {@code null} when the frame had none
 * @param event the event name
 * @param data  the event's data, empty when the frame had none
 */
public record ClientFrame(@Nullable RequestId id, String event, ObjectNode data) {

    public ClientFrame {
        requireNonNull(event, "event");
        requireNonNull(data, "data");
    }
}
