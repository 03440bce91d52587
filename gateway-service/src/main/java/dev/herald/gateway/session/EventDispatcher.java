package dev.herald.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.VerifiedUser;
import dev.herald.gateway.auth.TokenAuthenticator;
import dev.herald.gateway.backend.ApiCalls;
import dev.herald.gateway.backend.BackendErrors;
import dev.herald.gateway.backend.CallBudget;
import dev.herald.gateway.backend.Caller;
import dev.herald.gateway.backend.MessageBackend;
import dev.herald.gateway.metrics.BudgetRefusals;
import dev.herald.gateway.metrics.BudgetRefusals.Budget;
import dev.herald.gateway.metrics.RequestMeters;
import dev.herald.gateway.metrics.SocketMeters;
import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.RequestId;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.gateway.trace.RequestTrace;
import dev.herald.observability.trace.TraceLogging;
import io.grpc.Status;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Carries out what a client asks. Nothing here blocks: the message-service is called asynchronously and the
 * reply is queued on the socket when the call completes, and each socket has a bounded number of calls in flight.
 * Errors answer the request with an {@code exception}; only a rejected token and a sign-in over the user's socket
 * limit close the socket. Every request is counted by its event and outcome when it is answered.
 */
final class EventDispatcher {

    private static final FrameException NOT_ONLINE = FrameException.unauthenticated("send online with a token first");
    private static final FrameException TOO_MANY_EARLY = new FrameException(Status.Code.RESOURCE_EXHAUSTED,
            "too many events before the online ack: at most " + Connection.EARLY_EVENTS_LIMIT + " wait for it", null);

    private final TokenAuthenticator tokens;
    private final MessageBackend backend;
    private final ApiCalls api;
    private final Connections connections;
    private final int socketLimit;
    private final RequestMeters requests;
    private final RequestMeters.EventMeters onlineRequests;
    private final RequestMeters.EventMeters messageRequests;
    private final RequestMeters.EventMeters offlineRequests;
    private final SocketMeters sockets;
    private final BudgetRefusals refusals;

    EventDispatcher(TokenAuthenticator tokens, MessageBackend backend, ApiCalls api, Connections connections,
            int socketLimit, RequestMeters requests, SocketMeters sockets, BudgetRefusals refusals) {
        this.tokens = requireNonNull(tokens, "tokens");
        this.socketLimit = socketLimit;
        this.backend = requireNonNull(backend, "backend");
        this.api = requireNonNull(api, "api");
        this.connections = requireNonNull(connections, "connections");
        this.requests = requireNonNull(requests, "requests");
        this.onlineRequests = requests.of("online");
        this.messageRequests = requests.of("message");
        this.offlineRequests = requests.of("offline");
        this.sockets = requireNonNull(sockets, "sockets");
        this.refusals = requireNonNull(refusals, "refusals");
    }

    void dispatch(Connection connection, @Nullable RequestId id, ClientEvent event) {
        long received = System.nanoTime();
        switch (connection.early().hold(id, event, received)) {
            case CARRY_OUT -> carryOut(connection, id, event, received);
            case HELD -> { } // carried out when the sign-in in progress has finished
            case FULL -> {
                refusals.refused(Budget.EARLY_EVENTS);
                fail(connection, id, meters(event), TOO_MANY_EARLY);
            }
        }
    }

    private void carryOut(Connection connection, @Nullable RequestId id, ClientEvent event, long received) {
        if (!connection.writable()) {
            return; // closed as a slow consumer: its answer could not be sent, so do not ask the backend
        }
        RequestMeters.EventMeters meters = meters(event);
        switch (event) {
            case ClientEvent.Online online -> online(connection, id, online.token(), meters, received);
            case ClientEvent.Send send ->
                    signedIn(connection, id, meters).ifPresent(auth -> send(connection, id, auth, send, received));
            case ClientEvent.Offline offline -> signedIn(connection, id, meters).ifPresent(auth -> {
                meters.ok(received);
                connection.close(CloseCode.NORMAL, "offline");
            });
            case ClientEvent.ApiCall call -> signedIn(connection, id, meters)
                    .ifPresent(auth -> api(connection, id, auth, call, meters, received));
        }
    }

    private RequestMeters.EventMeters meters(ClientEvent event) {
        return switch (event) {
            case ClientEvent.Online online -> onlineRequests;
            case ClientEvent.Send send -> messageRequests;
            case ClientEvent.Offline offline -> offlineRequests;
            case ClientEvent.ApiCall call -> requests.of(call.event());
        };
    }

    private void online(Connection connection, @Nullable RequestId id, String token, RequestMeters.EventMeters meters,
            long received) {
        final VerifiedUser user;
        try {
            user = tokens.authenticate(token);
        } catch (FrameException e) {
            signInFailed(connection.auth(), e);
            fail(connection, id, meters, e);
            connection.close(CloseCode.AUTH_FAILED, e.getMessage());
            return;
        }
        Optional<Connection.Authenticated> current = connection.auth();
        if (current.isPresent() && !current.get().user().id().equals(user.id())) {
            fail(connection, id, meters, Connections.anotherUser());
            return;
        }
        if (current.isEmpty() && connections.atSocketLimit(user.id())) {
            // Checked again when the socket is registered; refusing here spares the message-service the call.
            refuseSocket(connection, id, new SocketLimitReached(socketLimit), meters);
            return;
        }
        if (current.isEmpty()) {
            connection.early().signInStarted();
        }
        // One round trip: the message-service records the sign-in while the instances take the token on the links.
        CompletableFuture<MessageBackend.SignedIn> recorded = withinSocketLimit(connection, () -> backend.online(token));
        CompletableFuture<Void> routable = recorded.isCompletedExceptionally()
                ? CompletableFuture.completedFuture(null) : connections.route(connection, user, token);
        CompletableFuture.allOf(recorded, routable).handle((both, ignored) -> null).thenRun(() -> {
            Throwable failure = failureOf(routable);
            if (failure == null) {
                failure = failureOf(recorded);
            }
            if (failure == null && !connections.authenticate(connection, user, token)) {
                failure = Connections.closedSocket();
            }
            if (failure != null && current.isEmpty()) {
                connections.unroute(connection, user);
            }
            if (failure instanceof SocketLimitReached refused) {
                refuseSocket(connection, id, refused, meters);
            } else if (failure != null) {
                FrameException error = BackendErrors.toFrameException(failure);
                signInFailed(current, error);
                fail(connection, id, meters, error);
            } else {
                MessageBackend.SignedIn signedIn = recorded.resultNow();
                if (current.isEmpty()) {
                    sockets.signedIn();
                }
                meters.ok(received);
                connection.send(new ServerEvent.OnlineAck(id, signedIn.user().id(), signedIn.user().name(),
                        signedIn.unreadCount()));
            }
            if (current.isEmpty()) {
                carryOutEarlyEvents(connection);
            }
        });
    }

    /** Why a completed future failed, unwrapped; null when it succeeded. */
    private static @Nullable Throwable failureOf(CompletableFuture<?> done) {
        return done.isCompletedExceptionally() ? unwrap(done.exceptionNow()) : null;
    }

    /** Counts a failed first sign-in; a failed token refresh is a failed request only. */
    private void signInFailed(Optional<Connection.Authenticated> current, FrameException error) {
        if (current.isEmpty()) {
            sockets.signInFailed(error.status());
        }
    }

    /** Answers a request with an {@code exception} and counts it under its status. */
    private static void fail(Connection connection, @Nullable RequestId id, RequestMeters.EventMeters meters,
            FrameException error) {
        meters.failed(error.status());
        connection.send(ServerEvent.Failure.of(id, error));
    }

    /**
     * Carries out, in order, what the client sent while its first sign-in was in progress: signed in now, or
     * answered "send online with a token first" when the sign-in failed. Stops at an {@code online} that starts
     * another sign-in; that one's completion goes on.
     */
    private void carryOutEarlyEvents(Connection connection) {
        EarlyEvents early = connection.early();
        early.signInFinished();
        for (EarlyEvents.Event next = early.next(); next != null; next = early.next()) {
            if (next.trace() == null) {
                carryOut(connection, next.id(), next.event(), next.receivedNanos());
                continue;
            }
            try (TraceLogging.Scope trace = RequestTrace.enter(next.trace())) {
                carryOut(connection, next.id(), next.event(), next.receivedNanos());
            }
        }
    }

    /** Answers the {@code online} of a socket over its user's limit, then closes that socket. */
    private void refuseSocket(Connection connection, @Nullable RequestId id, SocketLimitReached refused,
            RequestMeters.EventMeters meters) {
        refusals.refused(Budget.SOCKETS_PER_USER);
        sockets.signInFailed(Status.Code.RESOURCE_EXHAUSTED);
        fail(connection, id, meters, refused.answer());
        connection.close(CloseCode.TOO_MANY_SOCKETS, refused.getMessage());
    }

    /**
     * Starts a call to the message-service if this socket has a slot free, and frees the slot when the call ends,
     * before its answer is queued; past the socket's bound the request fails at once with RESOURCE_EXHAUSTED.
     */
    private <T> CompletableFuture<T> withinSocketLimit(Connection connection, Supplier<CompletableFuture<T>> call) {
        CallBudget slots = connection.calls();
        if (!slots.tryAcquire()) {
            refusals.refused(Budget.SOCKET_IN_FLIGHT);
            return CompletableFuture.failedFuture(new FrameException(Status.Code.RESOURCE_EXHAUSTED,
                    "too many requests in flight on this socket: at most " + slots.limit()
                            + ", send more as answers arrive", null));
        }
        final CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        return started.whenComplete((result, failure) -> slots.release());
    }

    /**
     * Refuses {@code event} at once, with the wait left, while the message-service's last refusal of it on this
     * socket for the user's rate has not expired; otherwise starts the call.
     */
    private <T> CompletableFuture<T> withinRate(Connection connection, String event,
            Supplier<CompletableFuture<T>> call) {
        OptionalLong wait = connection.refusedUntil().remainingMs(event, System.nanoTime());
        if (wait.isPresent()) {
            refusals.refused(Budget.REFUSED_UNTIL);
            return CompletableFuture.failedFuture(new FrameException(Status.Code.RESOURCE_EXHAUSTED,
                    "too many " + event + " requests: retry after " + wait.getAsLong() + " ms", null)
                    .withRetryAfterMs(wait.getAsLong()));
        }
        return call.get();
    }

    /** The answer to a failed call; a refusal for the user's rate is remembered for {@link #withinRate}. */
    private static FrameException refusal(Connection connection, String event, Throwable failure) {
        FrameException error = BackendErrors.toFrameException(failure);
        connection.refusedUntil().remember(event, error, System.nanoTime());
        return error;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void send(Connection connection, @Nullable RequestId id, Connection.Authenticated auth,
            ClientEvent.Send message, long received) {
        RequestMeters.EventMeters meters = messageRequests;
        withinRate(connection, "message", () -> withinSocketLimit(connection,
                () -> backend.send(auth.token(), message, connection.id())))
                .whenComplete((accepted, failure) -> {
                    if (failure != null) {
                        fail(connection, id, meters, namedAsInMessage(refusal(connection, "message", failure)));
                        return;
                    }
                    meters.ok(received);
                    connection.send(new ServerEvent.SendAck(id, accepted.id(), accepted.createdAt()));
                });
    }

    /**
     * An error of Send as the {@code message} event names its fields: the message-service names the room by the
     * request's field ({@code room_id}, {@code roomId} in JSON); the client sent it as {@code room}.
     */
    private static FrameException namedAsInMessage(FrameException error) {
        boolean room = error.field().filter(field -> field.equals("room_id") || field.equals("roomId")).isPresent();
        return room ? error.withField("room") : error;
    }

    private void api(Connection connection, @Nullable RequestId id, Connection.Authenticated auth,
            ClientEvent.ApiCall call, RequestMeters.EventMeters meters, long received) {
        withinRate(connection, call.event(), () -> withinSocketLimit(connection,
                () -> api.call(new Caller(auth.user().id(), auth.token()), call.event(), call.data())))
                .whenComplete((response, failure) -> {
                    if (!connection.writable()) {
                        return; // closed as a slow consumer: nothing goes out any more, so print nothing
                    }
                    if (failure != null) {
                        fail(connection, id, meters, refusal(connection, call.event(), failure));
                        return;
                    }
                    String printed = api.print(response);
                    meters.ok(received);
                    connection.send(new ServerEvent.ApiAck(id, printed));
                });
    }

    private static Optional<Connection.Authenticated> signedIn(Connection connection, @Nullable RequestId id,
            RequestMeters.EventMeters meters) {
        Optional<Connection.Authenticated> auth = connection.auth();
        if (auth.isEmpty()) {
            fail(connection, id, meters, NOT_ONLINE);
        }
        return auth;
    }
}
