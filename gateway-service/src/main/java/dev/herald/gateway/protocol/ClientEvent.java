package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a client asks for. Decoded by {@link EventCodec#readEvent}; never carries a user id of its own. */
public sealed interface ClientEvent {

    /** {@code online}: authenticate the socket, or refresh its token in place. */
    record Online(String token) implements ClientEvent {

        public Online {
            requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Online[token=<redacted>]";
        }
    }

    /**
     * {@code message}: a message to listed users or to a room. Optional strings are empty when the client left
     * them out, as in the gRPC contract; everything beyond JSON shape is validated by the message-service.
     */
    record Send(Audience to, String body, String title, String type, String clientId) implements ClientEvent {

        public Send {
            requireNonNull(to, "to");
            requireNonNull(body, "body");
            requireNonNull(title, "title");
            requireNonNull(type, "type");
            requireNonNull(clientId, "clientId");
        }

        @Override
        public String toString() {
            return "Send[to=" + to + ", body=<" + body.length() + " chars>]";
        }
    }

    /** Whom a {@code message} is for: exactly one of listed users ({@code receivers}) or a room ({@code room}). */
    sealed interface Audience {}

    /** {@code receivers}: a direct message to these users. */
    record Receivers(List<String> ids) implements Audience {

        public Receivers {
            ids = List.copyOf(ids);
        }

        @Override
        public String toString() {
            return "Receivers[" + ids.size() + "]";
        }
    }

    /** {@code room}: a message to every member of the room. */
    record Room(String id) implements Audience {

        public Room {
            requireNonNull(id, "id");
        }
    }

    /** {@code offline}: the client is leaving; the socket is closed normally. */
    record Offline() implements ClientEvent {}

    /**
     * A request answered by one message-service RPC ({@code sync}, {@code inbox}, {@code read}, …): the event
     * names the RPC and {@code data} is its request as JSON, converted and checked by the backend's binding
     * for that event. Only events the codec was given as API events become an {@code ApiCall}.
     */
    record ApiCall(String event, ObjectNode data) implements ClientEvent {

        public ApiCall {
            requireNonNull(event, "event");
            requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "ApiCall[event=" + event + "]";
        }
    }
}
