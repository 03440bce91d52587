package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.VerifiedUser;
import dev.herald.gateway.backend.CallBudget;
import dev.herald.gateway.metrics.SocketMeters;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.logging.RepeatingWarning;
import dev.herald.gateway.protocol.ServerEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One client socket: its gateway-wide unique session id, its bounded outbound queue, its bounded requests in
 * flight and, once {@code online}
 * succeeded, the user and token it acts with. State changes are made by {@link Connections} while holding
 * this object's monitor; sending never takes it.
 */
public final class Connection {

    /** The identity a socket acts with. */
    record Authenticated(VerifiedUser user, String token) {

        @Override
        public String toString() {
            return "Authenticated[user=" + user.id() + "]";
        }
    }

    /**
     * Events that may wait for a socket's first sign-in (a client pipelining {@code online} and its first
     * requests); each is at most a frame, and only a socket whose token verified can make them wait.
     */
    static final int EARLY_EVENTS_LIMIT = 32;

    private final String id;
    private final EventCodec codec;
    private final EarlyEvents early = new EarlyEvents(EARLY_EVENTS_LIMIT);
    private final OutboundQueue outbound;
    private final CallBudget calls;
    private final RefusedUntil refusedUntil = new RefusedUntil();
    private final ClientSocket socket;
    private final SocketMeters meters;
    private @Nullable Authenticated auth; // guarded by this
    /** The user this socket is registered under while its first sign-in is in progress. Guarded by this. */
    private @Nullable String routedAs;
    private @Nullable ScheduledFuture<?> deadline; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param queueFrames    and {@code queueBytes}: what may wait to be written before the socket is closed (1013)
     * @param maxInFlight    this socket's requests in flight to the message-service at once
     * @param slowConsumers  where closing a slow consumer is told, rate-limited across the gateway's sockets
     * @param meters         counts the frames queued
     */
    Connection(String id, EventCodec codec, int queueFrames, int queueBytes, int maxInFlight, ClientSocket socket,
            RepeatingWarning slowConsumers, SocketMeters meters) {
        this.id = requireNonNull(id, "id");
        this.codec = requireNonNull(codec, "codec");
        this.socket = requireNonNull(socket, "socket");
        this.meters = requireNonNull(meters, "meters");
        requireNonNull(slowConsumers, "slowConsumers");
        this.calls = new CallBudget(maxInFlight);
        this.outbound = new OutboundQueue(queueFrames, queueBytes, new OutboundQueue.Transport() {
            @Override
            public void send(OutboundFrame frame, Runnable onWritten) {
                socket.write(frame, onWritten);
            }

            @Override
            public void sendAll(List<OutboundFrame> frames, Runnable onWritten) {
                socket.writeAll(frames, onWritten);
            }
        }, reason -> {
            slowConsumers.warn(warning -> warning.addKeyValue("session", id).addKeyValue("reason", reason)
                    .log("closing a slow consumer (1013)"));
            socket.close(CloseCode.SLOW_CONSUMER, reason);
        });
    }

    /** The session id: {@code <gateway id>:<counter>}, unique across gateways. */
    public String id() {
        return id;
    }

    /** This socket's requests in flight to the message-service, bounded. */
    CallBudget calls() {
        return calls;
    }

    /** The events of this socket the message-service refused for the user's rate, until their delay passes. */
    RefusedUntil refusedUntil() {
        return refusedUntil;
    }

    /** The events waiting for this socket's first sign-in. */
    EarlyEvents early() {
        return early;
    }

    /**
     * Queues {@code event} on the socket; never blocks (a socket too far behind, in frames or bytes, is closed with
     * 1013).
     */
    public void send(ServerEvent event) {
        send(OutboundFrame.text(codec.encodeUtf8(event)));
    }

    /**
     * Sends an already encoded frame (one delivery encoded once for many sockets); false when it was dropped (the
     * socket is closing as a slow consumer, or closed).
     */
    boolean send(OutboundFrame frame) {
        if (!outbound.offer(frame)) {
            return false;
        }
        meters.frameSent();
        return true;
    }

    /** False once the socket was closed as a slow consumer: whatever is sent to it from then on is dropped. */
    boolean writable() {
        return !outbound.overflowed();
    }

    public void close(CloseCode code, String reason) {
        socket.close(code, reason);
    }

    synchronized Optional<Authenticated> auth() {
        return Optional.ofNullable(auth);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Records that the socket is registered under {@code userId} before its first sign-in finished, so that closing it
     * unregisters it; {@code null} when that sign-in failed and it was unregistered.
     */
    synchronized void routedAs(@Nullable String userId) {
        this.routedAs = userId;
    }

    /** Records the identity the socket acts with; the first one tells the socket it signed in. */
    synchronized void authenticate(Authenticated auth) {
        boolean first = this.auth == null;
        this.auth = auth;
        this.routedAs = null;
        if (first) {
            socket.signedIn();
        }
    }

    /** Replaces the pending deadline (authentication timeout, then token expiry), cancelling the previous one. */
    synchronized void deadline(ScheduledFuture<?> next) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        deadline = next;
        if (closed) {
            next.cancel(false);
        }
    }

    /**
     * Marks the socket closed and cancels its deadline; on the first call, the user it is registered under, if any
     * (the one it acts as, or the one of a first sign-in in progress).
     */
    synchronized Optional<String> markClosed() {
        if (closed) {
            return Optional.empty();
        }
        closed = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return Optional.ofNullable(auth != null ? auth.user().id() : routedAs);
    }

    @Override
    public String toString() {
        return "Connection[" + id + "]";
    }
}
