package dev.herald.gateway.backend;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import dev.herald.gateway.protocol.FrameException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the API events of a signed-in socket through their {@link RpcBinding}: reads the RPC's request from
 * the event's data, calls the RPC as the socket's user, and prints the response as the ack's data. One code
 * path for every bound event.
 */
public final class ApiCalls {

    private final ApiBindings bindings;
    private final MessageBackend backend;
    private final ProtoJson json = new ProtoJson();

    public ApiCalls(ApiBindings bindings, MessageBackend backend) {
        this.bindings = requireNonNull(bindings, "bindings");
        this.backend = requireNonNull(backend, "backend");
    }

    /**
     * Calls the RPC bound to {@code event} with the request read from {@code data}; completes with the response
     * as a JSON object. Fails with a {@link FrameException} when the data is not a valid request, else with the
     * gRPC status of the call: {@link BackendErrors} maps both for the client.
     */
    public CompletableFuture<String> call(String token, String event, ObjectNode data) {
        Optional<RpcBinding<?, ?>> binding = bindings.find(event);
        if (binding.isEmpty()) {
            // The codec reads API events from the same bindings; reaching this is a wiring mistake.
            return CompletableFuture.failedFuture(FrameException.invalid("unknown event: " + event, "event"));
        }
        return call(token, binding.get(), data);
    }

    private <Q extends Message, R extends Message> CompletableFuture<String> call(String token,
            RpcBinding<Q, R> binding, ObjectNode data) {
        final Q request;
        try {
            request = json.read(data, binding.requestPrototype());
        } catch (FrameException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.call(token, binding.method(), request).thenApply(json::print);
    }
}
