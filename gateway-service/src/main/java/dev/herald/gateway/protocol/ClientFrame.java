package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.observability.trace.Traceparent;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of a client frame, read before its event: knowing the request id first lets an error in the
 * event's data still be answered with that id.
 *
 * @param id    the client's request id, {@code null} when the frame had none
 * @param event the event name
 * @param data  the event's data, empty when the frame had none
 * @param traceparent the frame's optional {@code traceparent}, {@code null} when it had none or not a valid one
 */
public record ClientFrame(@Nullable RequestId id, String event, ObjectNode data, @Nullable Traceparent traceparent) {

    public ClientFrame {
        requireNonNull(event, "event");
        requireNonNull(data, "data");
    }
}
