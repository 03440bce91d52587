package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.VerifiedUser;
import dev.herald.gateway.metrics.SocketMeters;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.logging.RepeatingWarning;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of every socket on this gateway: opened with an authentication deadline, signed in (registered
 * under its user, then authenticated with the token's expiry as the new deadline), closed (unregistered). A socket that misses
 * its deadline gets an UNAUTHENTICATED exception and is closed with {@link CloseCode#AUTH_FAILED}.
 */
final class Connections {

    private static final Logger logger = LoggerFactory.getLogger(Connections.class);

    private final String gatewayId;
    private final SessionRegistry registry;
    private final EventCodec codec;
    private final SocketLimits limits;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final SocketMeters meters;
    private final AtomicLong counter = new AtomicLong();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    /** An attacker can make many slow consumers: one line, then a count every 30 s. */
    private final RepeatingWarning slowConsumers = new RepeatingWarning(logger);
    private volatile boolean shuttingDown;

    Connections(String gatewayId, SessionRegistry registry, EventCodec codec, SocketLimits limits,
            ScheduledExecutorService timers, Clock clock, SocketMeters meters) {
        this.gatewayId = requireNonNull(gatewayId, "gatewayId");
        this.registry = requireNonNull(registry, "registry");
        this.codec = requireNonNull(codec, "codec");
        this.limits = requireNonNull(limits, "limits");
        this.timers = requireNonNull(timers, "timers");
        this.clock = requireNonNull(clock, "clock");
        this.meters = requireNonNull(meters, "meters");
        meters.watchOpen(open);
    }

    /** Accepts a new socket; it must send a successful {@code online} within the authentication timeout. */
    Connection open(ClientSocket socket) {
        Connection connection = new Connection(gatewayId + ":" + counter.incrementAndGet(), codec,
                limits.outboundQueueLimit(), limits.outboundQueueBytes(), limits.maxInFlight(), socket,
                slowConsumers, meters);
        open.add(connection);
        if (shuttingDown) {
            connection.close(CloseCode.SHUTTING_DOWN, "gateway shutting down");
            return connection;
        }
        schedule(connection, limits.authTimeout(), () -> authTimedOut(connection));
        return connection;
    }

    /**
     * Makes a socket routable as {@code user} with {@code token}: registered under the user (a refresh takes the new
     * token), so deliveries reach it while the message-service records the sign-in. A first sign-in acts as the user
     * only after {@link #authenticate}; when the message-service refused it, {@link #unroute} undoes this. Completes
     * when the socket is routable with this token: at once when another token of the user here proves it for
     * longer, else once the instances have taken the token (see {@link PresenceListener#online}); fails with
     * {@link SocketLimitReached} when the user holds the most sockets allowed here.
     */
    CompletableFuture<Void> route(Connection connection, VerifiedUser user, String token) {
        synchronized (connection) {
            if (connection.isClosed()) {
                return CompletableFuture.failedFuture(closedSocket());
            }
            Optional<Connection.Authenticated> current = connection.auth();
            if (current.isPresent() && !current.get().user().id().equals(user.id())) {
                return CompletableFuture.failedFuture(anotherUser());
            }
            // Registered before it is authenticated, so a socket over the user's limit never acts as the user; a
            // refresh is registered too: the instances deliver here only while a token of the user proves it.
            CompletableFuture<Void> routable = registry.add(user.id(), connection, token, user.expiresAt());
            if (routable.isCompletedExceptionally() && routable.exceptionNow() instanceof SocketLimitReached) {
                logger.atDebug().addKeyValue("userId", user.id()).addKeyValue("session", connection.id())
                        .log("online refused: too many sockets");
                return routable;
            }
            if (current.isEmpty()) {
                connection.routedAs(user.id());
            }
            return routable;
        }
    }

    /**
     * Lets a routed socket act as {@code user} with {@code token}, its expiry the new deadline: the sign-in (or
     * refresh) succeeded. False when the socket closed meanwhile.
     */
    boolean authenticate(Connection connection, VerifiedUser user, String token) {
        synchronized (connection) {
            if (connection.isClosed()) {
                return false;
            }
            Optional<Connection.Authenticated> current = connection.auth();
            connection.authenticate(new Connection.Authenticated(user, token));
            Duration untilExpiry = Duration.between(clock.instant(), user.expiresAt());
            schedule(connection, untilExpiry, () -> expired(connection, token));
            // Per-socket lines are DEBUG: at INFO a connect storm of 100,000 sockets wrote 200,000 of them.
            logger.atDebug().addKeyValue("userId", user.id()).addKeyValue("session", connection.id())
                    .log(current.isPresent() ? "token refreshed" : "online");
            return true;
        }
    }

    /**
     * Unregisters a socket whose first sign-in failed after {@link #route}: it stays open, not signed in, under its
     * authentication deadline. A failed refresh keeps what it registered: that token of the user is valid too.
     */
    void unroute(Connection connection, VerifiedUser user) {
        synchronized (connection) {
            if (connection.isClosed() || connection.auth().isPresent()) {
                return;
            }
            connection.routedAs(null);
            registry.remove(user.id(), connection);
        }
    }

    /** Whether the user holds the most sockets allowed here, so a new sign-in of it would be refused. */
    boolean atSocketLimit(String userId) {
        return registry.atSocketLimit(userId);
    }

    /** Forgets a closed socket; its user goes offline here when it was the last one. */
    void closed(Connection connection, int code) {
        if (open.remove(connection)) {
            meters.closed(code);
        }
        synchronized (connection) {
            connection.markClosed().ifPresent(userId -> {
                registry.remove(userId, connection);
                logger.atDebug().addKeyValue("userId", userId).addKeyValue("session", connection.id())
                        .log("socket closed ({})", code);
            });
        }
    }

    /** Closes every socket with {@link CloseCode#SHUTTING_DOWN} and refuses new ones. */
    void closeAll() {
        shuttingDown = true;
        for (Connection connection : open) {
            connection.close(CloseCode.SHUTTING_DOWN, "gateway shutting down");
        }
    }

    static FrameException closedSocket() {
        return new FrameException(Status.Code.CANCELLED, "socket closed", null);
    }

    static FrameException anotherUser() {
        return FrameException.invalid("the token is for another user than this socket's", "token");
    }

    private void schedule(Connection connection, Duration delay, Runnable deadline) {
        try {
            connection.deadline(timers.schedule(deadline, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // The timers stop only after every socket was closed for shutdown.
            logger.atDebug().addKeyValue("session", connection.id()).log("no deadline: shutting down");
        }
    }

    private void authTimedOut(Connection connection) {
        if (connection.auth().isPresent() || connection.isClosed()) {
            return;
        }
        connection.send(new ServerEvent.Failure(null, Status.Code.UNAUTHENTICATED, "authentication timed out", null));
        connection.close(CloseCode.AUTH_FAILED, "authentication timed out");
    }

    private void expired(Connection connection, String token) {
        Optional<Connection.Authenticated> auth = connection.auth();
        if (auth.isEmpty() || !auth.get().token().equals(token) || connection.isClosed()) {
            return; // refreshed or gone
        }
        logger.atInfo().addKeyValue("userId", auth.get().user().id()).addKeyValue("session", connection.id())
                .log("token expired");
        connection.send(new ServerEvent.Failure(null, Status.Code.UNAUTHENTICATED, "token expired", null));
        connection.close(CloseCode.AUTH_FAILED, "token expired");
    }
}
