package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.OnlineResponse;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The message-service as the gateway calls it for one user: every call carries that user's token as
 * {@code authorization: Bearer <jwt>}, so the instance derives the caller from the token, never from the
 * gateway. Calls are asynchronous and bounded by a deadline; failures complete the future with the gRPC
 * status, which {@link BackendErrors} maps for the client.
 */
public final class MessageBackend {

    /** The caller as the directory stored it. */
    public record StoredUser(String id, String name) {}

    /** An accepted message. */
    public record Accepted(String id, Instant createdAt) {}

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final BackendChannels channels;
    private final long deadlineMillis;

    public MessageBackend(BackendChannels channels, Duration deadline) {
        this.channels = requireNonNull(channels, "channels");
        this.deadlineMillis = requireNonNull(deadline, "deadline").toMillis();
    }

    /** Registers the token's user in the directory (MessageService.Online). */
    public CompletableFuture<StoredUser> online(String token) {
        UnaryCall<OnlineResponse> call = new UnaryCall<>();
        stub(token).online(OnlineRequest.getDefaultInstance(), call);
        return call.result().thenApply(response ->
                new StoredUser(response.getUser().getId(), response.getUser().getName()));
    }

    /** Sends a direct message (MessageService.Send); the socket it came from gets no copy of it. */
    public CompletableFuture<Accepted> send(String token, ClientEvent.Send message, String originSession) {
        SendRequest request = SendRequest.newBuilder()
                .addAllReceivers(message.receivers())
                .setBody(message.body())
                .setTitle(message.title())
                .setType(message.type())
                .setClientId(message.clientId())
                .setOriginSession(originSession)
                .build();
        UnaryCall<SendResponse> call = new UnaryCall<>();
        stub(token).send(request, call);
        return call.result().thenApply(response -> new Accepted(response.getId(),
                Instant.ofEpochSecond(response.getCreatedAt().getSeconds(), response.getCreatedAt().getNanos())));
    }

    private MessageServiceGrpc.MessageServiceStub stub(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return MessageServiceGrpc.newStub(channels.next())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
