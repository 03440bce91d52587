package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.auth.TokenAuthenticator;
import dev.herald.gateway.backend.ApiCalls;
import dev.herald.gateway.backend.MessageBackend;
import dev.herald.gateway.link.DeliverySink;
import dev.herald.gateway.metrics.GatewayMeters;
import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.RequestId;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of this gateway as the transport sees them: a socket opens a {@link Connection}, hands it the
 * events its client sends, and reports when it closed; deliveries from the links fan out to the signed-in ones.
 * Everything behind it (deadlines, sign-in, registry, dispatch) is wired here and stays package-private.
 */
public final class Sessions {

    private final Connections connections;
    private final EventDispatcher dispatcher;
    private final DeliveryFanout fanout;

    public Sessions(String gatewayId, SocketLimits limits, EventCodec codec, TokenAuthenticator tokens,
            MessageBackend backend, ApiCalls api, PresenceListener presence, ScheduledExecutorService timers,
            Clock clock, GatewayMeters meters) {
        requireNonNull(codec, "codec");
        SessionRegistry registry = new SessionRegistry(presence, limits.maxSocketsPerUser());
        this.connections = new Connections(gatewayId, registry, codec, limits, timers, clock, meters.sockets());
        this.dispatcher = new EventDispatcher(tokens, backend, api, connections, limits.maxSocketsPerUser(),
                meters.requests(), meters.sockets(), meters.refusals());
        this.fanout = new DeliveryFanout(registry, codec, meters.deliveries());
    }

    /** A new socket; it must send a successful {@code online} within the authentication timeout. */
    public Connection open(ClientSocket socket) {
        return connections.open(requireNonNull(socket, "socket"));
    }

    /** Carries out an event {@code from}'s client sent; answers are queued on it. Never blocks. */
    public void received(Connection from, @Nullable RequestId id, ClientEvent event) {
        dispatcher.dispatch(from, id, event);
    }

    /** The socket under {@code connection} closed with {@code code}; its user goes offline with its last one. */
    public void closed(Connection connection, int code) {
        connections.closed(connection, code);
    }

    /** Closes every socket with {@link CloseCode#SHUTTING_DOWN} and refuses new ones. */
    public void closeAll() {
        connections.closeAll();
    }

    /** Where the deliveries pushed over the gateway links go. */
    public DeliverySink deliveries() {
        return fanout;
    }
}
