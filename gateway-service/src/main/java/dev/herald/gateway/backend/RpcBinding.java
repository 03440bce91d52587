package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;

/**
 * A client event answered by one unary RPC of the message-service: the event's data is the RPC's request in
 * JSON, and the RPC's response is the ack's data.
 *
 * @param event   the client event name, e.g. {@code sync}
 * @param method  the RPC, e.g. {@code InboxServiceGrpc.getSyncMethod()}
 * @param routing which instance its calls go to
 */
public record RpcBinding<Q extends Message, R extends Message>(String event, MethodDescriptor<Q, R> method,
        Routing routing) {

    /** Which message-service instance a bound event's calls go to. */
    public enum Routing {
        /** The next instance in turn: calls spread over the instances. */
        SPREAD,
        /**
         * The caller's own instance, the same on every gateway ({@link BackendChannels#forUser}): for an RPC the
         * instance does something about once per user, such as forwarding at most one typing notice every 2 s.
         */
        CALLERS_INSTANCE
    }

    /** An event whose calls spread over the instances. */
    public RpcBinding(String event, MethodDescriptor<Q, R> method) {
        this(event, method, Routing.SPREAD);
    }

    public RpcBinding {
        requireNonNull(event, "event");
        requireNonNull(method, "method");
        requireNonNull(routing, "routing");
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            throw new IllegalArgumentException("method: " + method.getFullMethodName() + " (expected: unary)");
        }
        if (!(method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?>)) {
            throw new IllegalArgumentException(
                    "method: " + method.getFullMethodName() + " (expected: a protobuf request marshaller)");
        }
    }

    /** The request's default instance: its descriptor drives the JSON conversion. */
    Q requestPrototype() {
        @SuppressWarnings("unchecked") // checked in the constructor; grpc-protobuf marshallers carry the type
        MethodDescriptor.PrototypeMarshaller<Q> marshaller =
                (MethodDescriptor.PrototypeMarshaller<Q>) method.getRequestMarshaller();
        return requireNonNull(marshaller.getMessagePrototype(), "prototype");
    }
}
