package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.trace.RequestTrace;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Answers the API events of a signed-in socket through their {@link RpcBinding}: reads the RPC's request from
 * the event's data, calls the RPC as the socket's user, and prints the response as the ack's data. One code
 * path for every bound event.
 */
public final class ApiCalls {

    private final ApiBindings bindings;
    private final MessageBackend backend;
    private final Executor replies;
    private final ProtoJson json = new ProtoJson();

    /**
     * @param replies where responses are handed on: off the gRPC channel's event loop, which every call and the
     *                other users' acks share, since printing a page of a megabyte as JSON (up to six times that
     *                with escaped characters) takes it for a long time
     */
    public ApiCalls(ApiBindings bindings, MessageBackend backend, Executor replies) {
        this.bindings = requireNonNull(bindings, "bindings");
        this.backend = requireNonNull(backend, "backend");
        // The reply is answered there: in the request's trace, like the call.
        this.replies = RequestTrace.carrying(requireNonNull(replies, "replies"));
    }

    /**
     * Calls the RPC bound to {@code event} as {@code caller}, at the instance its binding routes to, with the
     * request read from {@code data}; completes, on the replies executor, with the response, to be
     * {@linkplain #print printed} as the ack's data. Fails with a {@link FrameException} when the data is not a
     * valid request, else with the gRPC status of the call: {@link BackendErrors} maps both for the client.
     */
    public CompletableFuture<Message> call(Caller caller, String event, ObjectNode data) {
        Optional<RpcBinding<?, ?>> binding = bindings.find(event);
        if (binding.isEmpty()) {
            // The codec reads API events from the same bindings; reaching this is a wiring mistake.
            return CompletableFuture.failedFuture(FrameException.invalid("unknown event: " + event, "event"));
        }
        return call(caller, binding.get(), data);
    }

    /**
     * A response as a JSON object. Kept apart from {@link #call}, so a reply nobody will read (its socket closed
     * as a slow consumer) is never printed: a page's JSON can be six times its protobuf.
     */
    public String print(Message response) {
        return json.print(response);
    }

    private <Q extends Message, R extends Message> CompletableFuture<Message> call(Caller caller,
            RpcBinding<Q, R> binding, ObjectNode data) {
        final Q request;
        try {
            request = json.read(data, binding.requestPrototype());
        } catch (FrameException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<R> response = switch (binding.routing()) {
            case SPREAD -> backend.call(caller.token(), binding.method(), request);
            case CALLERS_INSTANCE -> backend.callAtUsersInstance(caller, binding.method(), request);
        };
        Descriptor requestType = binding.requestPrototype().getDescriptorForType();
        return response.<Message>thenApplyAsync(Message.class::cast, replies).exceptionally(failure -> {
            throw new CompletionException(namedAsInJson(BackendErrors.toFrameException(failure), requestType));
        });
    }

    /**
     * The error naming its field as the client wrote it: an instance that names a request field by its proto name
     * ({@code room_id}) is answered with the field's JSON name ({@code roomId}), the one the client sent.
     */
    private static FrameException namedAsInJson(FrameException error, Descriptor requestType) {
        return error.field().map(requestType::findFieldByName).map(field -> error.withField(field.getJsonName()))
                .orElse(error);
    }
}
