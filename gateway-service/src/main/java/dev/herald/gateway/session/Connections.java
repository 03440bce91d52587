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
 * under its user, with the token's expiry as the new deadline), closed (unregistered). A socket that misses
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
     * Signs a socket in as {@code user}, or refreshes its token when it is signed in as that user already.
     * Completes when the socket is routable with this token: at once when another token of the user here proves
     * it for longer, else once the instances have taken the token (see {@link PresenceListener#online}).
     */
    CompletableFuture<Void> signIn(Connection connection, VerifiedUser user, String token) {
        synchronized (connection) {
            if (connection.isClosed()) {
                return CompletableFuture.failedFuture(
                        new FrameException(Status.Code.CANCELLED, "socket closed", null));
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
            connection.authenticate(new Connection.Authenticated(user, token));
            Duration untilExpiry = Duration.between(clock.instant(), user.expiresAt());
            schedule(connection, untilExpiry, () -> expired(connection, token));
            // Per-socket lines are DEBUG: at INFO a connect storm of 100,000 sockets wrote 200,000 of them.
            logger.atDebug().addKeyValue("userId", user.id()).addKeyValue("session", connection.id())
                    .log(current.isPresent() ? "token refreshed" : "online");
            return routable;
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
            connection.markClosed().ifPresent(auth -> {
                registry.remove(auth.user().id(), connection);
                logger.atDebug().addKeyValue("userId", auth.user().id()).addKeyValue("session", connection.id())
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
