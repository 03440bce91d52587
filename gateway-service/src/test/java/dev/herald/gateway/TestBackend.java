package dev.herald.gateway;

import com.google.protobuf.Timestamp;
import dev.herald.auth.AuthConfig;
import dev.herald.auth.AuthException;
import dev.herald.auth.JwtVerifier;
import dev.herald.auth.VerifiedUser;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.GetPresenceRequest;
import dev.herald.proto.v1.GetPresenceResponse;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.HelloAck;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.OnlineResponse;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.PresenceAck;
import dev.herald.proto.v1.PresenceChange;
import dev.herald.proto.v1.RoomServiceGrpc;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import dev.herald.proto.v1.TypingRequest;
import dev.herald.proto.v1.TypingResponse;
import dev.herald.proto.v1.User;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A small but real message-service for gateway tests: a gRPC server on a free port that verifies bearer
 * tokens with the real verifier, answers Online and Send, keeps the presence each link reports, pushes a
 * delivery over the links for every accepted message, and records everything it received. Every RPC of
 * InboxService, OutboxService and RoomService, and MessageService's GetPresence and Typing, records its request
 * and caller token and answers with a canned response (the response type's default instance unless
 * {@link #respond} set one).
 */
final class TestBackend implements AutoCloseable {

    static final Metadata.Key<String> FIELD = Metadata.Key.of("herald-field", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> SECRET =
            Metadata.Key.of("x-herald-gateway-secret", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> TOKEN = Context.key("token");

    /** A failure the next Send answers with. */
    record Failure(Status status, @Nullable String field, java.time.@Nullable Duration retryAfter) {

        Failure(Status status, @Nullable String field) {
            this(status, field, null);
        }

        /**
         * The failure as the message-service answers it: the status, the field as a trailer, and a wait as a
         * {@code google.rpc.RetryInfo} detail.
         */
        StatusRuntimeException asException() {
            Metadata trailers = new Metadata();
            if (field != null) {
                trailers.put(FIELD, field);
            }
            if (retryAfter == null) {
                return status.asRuntimeException(trailers);
            }
            com.google.rpc.RetryInfo retry = com.google.rpc.RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(retryAfter.getSeconds()).setNanos(retryAfter.getNano()))
                    .build();
            return io.grpc.protobuf.StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(status.getCode().value())
                    .setMessage(status.getDescription() == null ? "" : status.getDescription())
                    .addDetails(com.google.protobuf.Any.pack(retry))
                    .build(), trailers);
        }
    }

    /** A call of an InboxService or OutboxService RPC: its full method name, request and bearer token. */
    record ApiRequest(String method, com.google.protobuf.Message request, String token) {}

    final List<Hello> hellos = new CopyOnWriteArrayList<>();
    final List<PresenceChange> presenceChanges = new CopyOnWriteArrayList<>();
    final List<SendRequest> sends = new CopyOnWriteArrayList<>();
    final List<String> onlineCalls = new CopyOnWriteArrayList<>();
    final List<ApiRequest> apiRequests = new CopyOnWriteArrayList<>();
    /** The {@code traceparent} metadata of every call but the links' ("" when a call had none), in arrival order. */
    final List<String> traceparents = new CopyOnWriteArrayList<>();

    private final Server server;
    private final JwtVerifier verifier;
    private final String secret;
    private final Map<Link, Set<String>> links = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable Failure> nextSendFailure = new AtomicReference<>();
    private final AtomicReference<@Nullable Failure> nextApiFailure = new AtomicReference<>();
    private final Map<String, com.google.protobuf.Message> cannedResponses = new ConcurrentHashMap<>();
    private final Map<String, Long> unreadCounts = new ConcurrentHashMap<>();
    private volatile boolean withholdPresenceAcks;
    private final HeldAnswers heldSends = new HeldAnswers();
    private final HeldAnswers heldOnlines = new HeldAnswers();
    private final HeldFrames heldHellos = new HeldFrames();
    private final HeldFrames heldPresenceChanges = new HeldFrames();
    private final AtomicReference<@Nullable Failure> nextOnlineFailure = new AtomicReference<>();

    private TestBackend(AuthConfig auth, String secret) throws IOException {
        this.verifier = new JwtVerifier(auth);
        this.secret = secret;
        ServerInterceptor captureToken = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata headers,
                    io.grpc.ServerCallHandler<Q, R> next) {
                String authorization = headers.get(AUTHORIZATION);
                String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
                String traceparent = headers.get(TRACEPARENT);
                traceparents.add(traceparent == null ? "" : traceparent);
                return Contexts.interceptCall(Context.current().withValue(TOKEN, token), call, headers, next);
            }
        };
        ServerInterceptor checkSecret = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata headers,
                    io.grpc.ServerCallHandler<Q, R> next) {
                if (!TestBackend.this.secret.equals(headers.get(SECRET))) {
                    call.close(Status.UNAUTHENTICATED.withDescription("gateway secret missing or wrong"), new Metadata());
                    return new io.grpc.ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
        this.server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(new Messages(), captureToken))
                .addService(ServerInterceptors.intercept(api(InboxServiceGrpc.getServiceDescriptor()), captureToken))
                .addService(ServerInterceptors.intercept(api(OutboxServiceGrpc.getServiceDescriptor()), captureToken))
                .addService(ServerInterceptors.intercept(api(RoomServiceGrpc.getServiceDescriptor()), captureToken))
                .addService(ServerInterceptors.intercept(new Links(), checkSecret))
                .build()
                .start();
    }

    static TestBackend start(AuthConfig auth, String secret) throws IOException {
        return new TestBackend(auth, secret);
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    /** From now on Sends are recorded but not answered, so they stay in flight until {@link #releaseSends}. */
    void holdSends() {
        heldSends.hold();
    }

    /** Answers the held Sends and stops holding. */
    void releaseSends() {
        heldSends.release();
    }

    /** From now on Onlines are recorded but not answered until {@link #releaseOnlines}. */
    void holdOnlines() {
        heldOnlines.hold();
    }

    /** Answers the held Onlines and stops holding. */
    void releaseOnlines() {
        heldOnlines.release();
    }

    /** The next Online fails with {@code status}. */
    void failNextOnline(Status status) {
        nextOnlineFailure.set(new Failure(status, null));
    }

    /** The next Send fails with {@code status}, carrying {@code field} in the herald-field trailer. */
    void failNextSend(Status status, @Nullable String field) {
        nextSendFailure.set(new Failure(status, field));
    }

    /** The next Send is refused as a user over its rate: RESOURCE_EXHAUSTED with a RetryInfo of {@code wait}. */
    void rateLimitNextSend(String message, java.time.Duration wait) {
        nextSendFailure.set(new Failure(Status.RESOURCE_EXHAUSTED.withDescription(message), null, wait));
    }

    /** The next InboxService or OutboxService call fails with {@code status} and {@code field} as herald-field. */
    void failNextApiCall(Status status, @Nullable String field) {
        nextApiFailure.set(new Failure(status, field));
    }

    /** From now on {@code method} answers with {@code response}. */
    <R extends com.google.protobuf.Message> void respond(MethodDescriptor<?, R> method, R response) {
        cannedResponses.put(method.getFullMethodName(), response);
    }

    /** Online answers {@code userId} with this unread count (0 unless set). */
    void unreadCount(String userId, long count) {
        unreadCounts.put(userId, count);
    }

    /** Pushes {@code delivery} over every link on which one of its recipients is online, to those recipients. */
    void push(Delivery delivery) {
        links.forEach((link, online) -> {
            List<String> here = new ArrayList<>(delivery.getRecipientIdsList());
            here.retainAll(online);
            if (!here.isEmpty()) {
                link.send(LinkResponse.newBuilder()
                        .setDelivery(delivery.toBuilder().clearRecipientIds().addAllRecipientIds(here)).build());
            }
        });
    }

    /** Pushes {@code delivery}, which names no recipients, over every link as a delivery to everyone there. */
    void pushToEveryone(Delivery delivery) {
        links.keySet().forEach(link -> link.send(LinkResponse.newBuilder()
                .setDelivery(delivery.toBuilder().clearRecipientIds().setEveryone(true)).build()));
    }

    /**
     * From now on a link's hello is recorded but not applied (nor acknowledged) until {@link #releaseHellos}, and
     * the link's later frames wait behind it: like an instance still verifying the hello's tokens.
     */
    void holdHellos() {
        heldHellos.hold();
    }

    /** Applies and acknowledges the held hellos, and the frames behind them, and stops holding. */
    void releaseHellos() {
        heldHellos.release();
    }

    /** From now on presence changes wait, unapplied and unacknowledged, until {@link #releasePresenceChanges}. */
    void holdPresenceChanges() {
        heldPresenceChanges.hold();
    }

    /** Applies and acknowledges the held presence changes and stops holding. */
    void releasePresenceChanges() {
        heldPresenceChanges.release();
    }

    /** Stops (or resumes) acknowledging presence changes, like an overloaded instance. */
    void withholdPresenceAcks(boolean withhold) {
        withholdPresenceAcks = withhold;
    }

    /** Links open right now (after their hello was applied). */
    int openLinks() {
        return links.size();
    }

    /** Ends every open link from the instance's side, as a restarting instance would. */
    void dropLinks() {
        for (Link link : List.copyOf(links.keySet())) {
            links.remove(link);
            link.fail(Status.UNAVAILABLE.withDescription("instance restarting"));
        }
    }

    /** Users reported online by the links right now. */
    Set<String> onlineUsers() {
        Set<String> users = new LinkedHashSet<>();
        links.values().forEach(users::addAll);
        return users;
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** InboxService or OutboxService: every RPC records its call and answers through {@link #answer}. */
    private ServerServiceDefinition api(ServiceDescriptor service) {
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service);
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            addApiMethod(definition, method);
        }
        return definition.build();
    }

    private <Q, R> void addApiMethod(ServerServiceDefinition.Builder definition, MethodDescriptor<Q, R> method) {
        definition.addMethod(method,
                ServerCalls.asyncUnaryCall((request, responses) -> answer(method, request, responses)));
    }

    @SuppressWarnings("unchecked") // canned responses are stored per method, of its response type
    private <Q, R> void answer(MethodDescriptor<Q, R> method, Q request, StreamObserver<R> responses) {
        if (caller(responses) == null) {
            return;
        }
        apiRequests.add(new ApiRequest(method.getFullMethodName(), (com.google.protobuf.Message) request, TOKEN.get()));
        Failure failure = nextApiFailure.getAndSet(null);
        if (failure != null) {
            responses.onError(failure.asException());
            return;
        }
        com.google.protobuf.Message canned = cannedResponses.get(method.getFullMethodName());
        responses.onNext(canned != null ? (R) canned
                : ((MethodDescriptor.PrototypeMarshaller<R>) method.getResponseMarshaller()).getMessagePrototype());
        responses.onCompleted();
    }

    /** The verified caller, or null after failing the call with UNAUTHENTICATED. */
    private @Nullable VerifiedUser caller(StreamObserver<?> responses) {
        try {
            return verifier.verify(TOKEN.get());
        } catch (AuthException e) {
            responses.onError(Status.UNAUTHENTICATED.withDescription(e.getMessage()).asRuntimeException());
            return null;
        }
    }

    private final class Messages extends MessageServiceGrpc.MessageServiceImplBase {

        @Override
        public void online(OnlineRequest request, StreamObserver<OnlineResponse> responses) {
            VerifiedUser caller = caller(responses);
            if (caller == null) {
                return;
            }
            boolean kept = heldOnlines.keep(() -> signIn(caller, responses)); // before it shows in onlineCalls
            onlineCalls.add(caller.id());
            if (!kept) {
                signIn(caller, responses);
            }
        }

        private void signIn(VerifiedUser caller, StreamObserver<OnlineResponse> responses) {
            Failure failure = nextOnlineFailure.getAndSet(null);
            if (failure != null) {
                responses.onError(failure.status().asRuntimeException());
                return;
            }
            responses.onNext(OnlineResponse.newBuilder()
                    .setUser(User.newBuilder().setId(caller.id()).setName(caller.name()))
                    .setUnreadCount(unreadCounts.getOrDefault(caller.id(), 0L)).build());
            responses.onCompleted();
        }

        @Override
        public void getPresence(GetPresenceRequest request, StreamObserver<GetPresenceResponse> responses) {
            answer(MessageServiceGrpc.getGetPresenceMethod(), request, responses);
        }

        @Override
        public void typing(TypingRequest request, StreamObserver<TypingResponse> responses) {
            answer(MessageServiceGrpc.getTypingMethod(), request, responses);
        }

        @Override
        public void send(SendRequest request, StreamObserver<SendResponse> responses) {
            VerifiedUser caller = caller(responses);
            if (caller == null) {
                return;
            }
            boolean kept = heldSends.keep(() -> accept(caller, request, responses)); // before it shows in sends
            sends.add(request);
            if (!kept) {
                accept(caller, request, responses);
            }
        }

        private void accept(VerifiedUser caller, SendRequest request, StreamObserver<SendResponse> responses) {
            Failure failure = nextSendFailure.getAndSet(null);
            if (failure != null) {
                responses.onError(failure.asException());
                return;
            }
            Instant now = Instant.now();
            Timestamp createdAt = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
            Message message = Message.newBuilder()
                    .setId(UUID.randomUUID().toString())
                    .setSender(User.newBuilder().setId(caller.id()).setName(caller.name()))
                    .addAllReceivers(request.getReceiversList())
                    .setTitle(request.getTitle())
                    .setBody(request.getBody())
                    .setType(request.getType())
                    .setCreatedAt(createdAt)
                    .setClientId(request.getClientId())
                    .setRoomId(request.getRoomId())
                    .build();
            responses.onNext(SendResponse.newBuilder().setId(message.getId()).setCreatedAt(createdAt).build());
            responses.onCompleted();
            Set<String> addressed = new LinkedHashSet<>(request.getReceiversList());
            addressed.add(caller.id());
            links.forEach((link, online) -> {
                List<String> here = new ArrayList<>(addressed);
                here.retainAll(online);
                if (!here.isEmpty()) {
                    link.send(LinkResponse.newBuilder().setDelivery(Delivery.newBuilder()
                            .addAllRecipientIds(here).setMessage(message)
                            .setOriginSession(request.getOriginSession())).build());
                }
            });
        }
    }

    private final class Links extends GatewayLinkServiceGrpc.GatewayLinkServiceImplBase {

        @Override
        public StreamObserver<LinkRequest> link(StreamObserver<LinkResponse> responses) {
            Link link = new Link((ServerCallStreamObserver<LinkResponse>) responses);
            return new StreamObserver<>() {
                @Override
                public void onNext(LinkRequest request) {
                    switch (request.getKindCase()) {
                        case HELLO -> {
                            hellos.add(request.getHello());
                            heldHellos.awaitRelease();
                            Set<String> online = ConcurrentHashMap.newKeySet();
                            request.getHello().getOnlineUsersList().forEach(user -> online.add(user.getUserId()));
                            links.put(link, online);
                            link.send(LinkResponse.newBuilder().setHelloAck(HelloAck.newBuilder()
                                    .setProvenUsers(online.size())).build());
                        }
                        case PRESENCE -> {
                            PresenceChange change = request.getPresence();
                            presenceChanges.add(change);
                            heldPresenceChanges.awaitRelease();
                            Set<String> online = links.get(link);
                            if (online != null) {
                                if (change.getOnline()) {
                                    online.add(change.getUserId());
                                } else {
                                    online.remove(change.getUserId());
                                }
                            }
                            if (withholdPresenceAcks) {
                                return;
                            }
                            link.send(LinkResponse.newBuilder()
                                    .setPresenceAck(PresenceAck.newBuilder().setSequence(change.getSequence())).build());
                        }
                        case KIND_NOT_SET -> link.fail(Status.INVALID_ARGUMENT.withDescription("empty frame"));
                    }
                }

                @Override
                public void onError(Throwable t) {
                    links.remove(link);
                }

                @Override
                public void onCompleted() {
                    links.remove(link);
                    link.complete();
                }
            };
        }
    }

    /** The instance's end of one link; writes are serialized. */
    private static final class Link {

        private final ServerCallStreamObserver<LinkResponse> responses;
        private boolean ended;

        Link(ServerCallStreamObserver<LinkResponse> responses) {
            this.responses = responses;
        }

        synchronized void send(LinkResponse response) {
            if (!ended && !responses.isCancelled()) {
                responses.onNext(response);
            }
        }

        synchronized void fail(Status status) {
            if (!ended) {
                ended = true;
                responses.onError(status.asRuntimeException());
            }
        }

        synchronized void complete() {
            if (!ended) {
                ended = true;
                responses.onCompleted();
            }
        }
    }
}
