package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.metrics.BudgetRefusals;
import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.trace.TraceInterceptor;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.OnlineResponse;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The message-service as the gateway calls it for one user: every call carries that user's token as
 * {@code authorization: Bearer <jwt>}, so the instance derives the caller from the token, never from the
 * gateway. Calls are asynchronous and bounded by a deadline and by the gateway's {@link CallBudget}: a call the
 * budget has no room for fails at once with RESOURCE_EXHAUSTED (a sign-in only at the budget's ceiling, not at
 * its adaptive limit: {@link CallBudget#tryAcquireUpToCeiling}). Failures complete the future with the gRPC status,
 * which {@link BackendErrors} maps for the client.
 */
public final class MessageBackend {

    /** The caller as the directory stored it. */
    public record StoredUser(String id, String name) {}

    /** The answer to {@code online}: the caller and how many received messages are unread. */
    public record SignedIn(StoredUser user, long unreadCount) {}

    /** An accepted message. */
    public record Accepted(String id, Instant createdAt) {}

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final TraceInterceptor TRACE = new TraceInterceptor();

    private static final String BUSY_MESSAGE = "gateway busy: too many requests in flight, retry";

    private final BackendChannels channels;
    private final long deadlineMillis;
    private final CallBudget budget;
    private final BudgetRefusals refusals;

    /** @param refusals counts the calls {@code budget} had no room for */
    public MessageBackend(BackendChannels channels, Duration deadline, CallBudget budget, BudgetRefusals refusals) {
        this.channels = requireNonNull(channels, "channels");
        this.deadlineMillis = requireNonNull(deadline, "deadline").toMillis();
        this.budget = requireNonNull(budget, "budget");
        this.refusals = requireNonNull(refusals, "refusals");
    }

    /** Registers the token's user in the directory (MessageService.Online). */
    public CompletableFuture<SignedIn> online(String token) {
        CompletableFuture<OnlineResponse> response = admitted(budget::tryAcquireUpToCeiling,
                call -> stub(token).online(OnlineRequest.getDefaultInstance(), call));
        return response.thenApply(online -> new SignedIn(
                new StoredUser(online.getUser().getId(), online.getUser().getName()), online.getUnreadCount()));
    }

    /**
     * Sends a message to its receivers or room (MessageService.Send); the socket it came from gets no copy of it.
     */
    public CompletableFuture<Accepted> send(String token, ClientEvent.Send message, String originSession) {
        SendRequest.Builder addressed = SendRequest.newBuilder();
        switch (message.to()) {
            case ClientEvent.Receivers receivers -> addressed.addAllReceivers(receivers.ids());
            case ClientEvent.Room room -> addressed.setRoomId(room.id());
        }
        SendRequest request = addressed
                .setBody(message.body())
                .setTitle(message.title())
                .setType(message.type())
                .setClientId(message.clientId())
                .setOriginSession(originSession)
                .build();
        CompletableFuture<SendResponse> response = admitted(call -> stub(token).send(request, call));
        return response.thenApply(sent -> new Accepted(sent.getId(),
                Instant.ofEpochSecond(sent.getCreatedAt().getSeconds(), sent.getCreatedAt().getNanos())));
    }

    /**
     * Calls any unary RPC of the message-service (InboxService, OutboxService, RoomService, …) as the token's
     * user, the way a generated async stub method does ({@code ClientCalls.asyncUnaryCall} on a new call of the
     * method), with the same bearer metadata and deadline as {@link #send}.
     */
    <Q, R> CompletableFuture<R> call(String token, MethodDescriptor<Q, R> method, Q request) {
        return admitted(call -> unary(authorized(token, channels.next()), method, request, call));
    }

    /**
     * The same as {@link #call}, at the caller's own instance ({@link BackendChannels#forUser}) instead of the
     * next in turn.
     */
    <Q, R> CompletableFuture<R> callAtUsersInstance(Caller caller, MethodDescriptor<Q, R> method, Q request) {
        return admitted(call -> unary(authorized(caller.token(), channels.forUser(caller.userId())), method,
                request, call));
    }

    private <Q, R> void unary(Channel channel, MethodDescriptor<Q, R> method, Q request, UnaryCall<R> call) {
        ClientCalls.asyncUnaryCall(channel.newCall(method,
                CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)), request, call);
    }

    /** Starts the call if the budget has room, and gives the room back when the call ends. */
    private <R> CompletableFuture<R> admitted(Consumer<UnaryCall<R>> start) {
        return admitted(budget::tryAcquire, start);
    }

    /** The same, admitted by {@code acquire}: the budget's limit, or for a sign-in its ceiling. */
    private <R> CompletableFuture<R> admitted(BooleanSupplier acquire, Consumer<UnaryCall<R>> start) {
        if (!acquire.getAsBoolean()) {
            refusals.refused(BudgetRefusals.Budget.GATEWAY_IN_FLIGHT);
            return Refused.with(Status.RESOURCE_EXHAUSTED.withDescription(BUSY_MESSAGE));
        }
        UnaryCall<R> call = new UnaryCall<>();
        try {
            start.accept(call);
        } catch (RuntimeException e) {
            budget.release();
            throw e;
        }
        CompletableFuture<R> result = call.result();
        result.whenComplete((response, failure) -> budget.release());
        return result;
    }

    private MessageServiceGrpc.MessageServiceStub stub(String token) {
        return MessageServiceGrpc.newStub(authorized(token, channels.next()))
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** {@code instance}, with {@code authorization: Bearer <token>} and the request's trace on every call. */
    private static Channel authorized(String token, Channel instance) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return ClientInterceptors.intercept(instance, MetadataUtils.newAttachHeadersInterceptor(headers), TRACE);
    }
}
