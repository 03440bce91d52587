package dev.herald.gateway.backend;

import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.OutboxServiceGrpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which client event calls which message-service RPC. One table instead of one code path per event: adding
 * an RPC to the protocol is one line here, its request and response reach the client as their JSON mapping.
 */
public final class ApiBindings {

    private final Map<String, RpcBinding<?, ?>> byEvent;

    private ApiBindings(List<RpcBinding<?, ?>> bindings) {
        Map<String, RpcBinding<?, ?>> table = new LinkedHashMap<>();
        for (RpcBinding<?, ?> binding : bindings) {
            if (table.putIfAbsent(binding.event(), binding) != null) {
                throw new IllegalArgumentException("event bound twice: " + binding.event());
            }
        }
        this.byEvent = Map.copyOf(table);
    }

    /** The inbox and outbox of the signed-in user: InboxService and OutboxService. */
    public static ApiBindings inboxAndOutbox() {
        return new ApiBindings(List.of(
                new RpcBinding<>("sync", InboxServiceGrpc.getSyncMethod()),
                new RpcBinding<>("inbox", InboxServiceGrpc.getListReceivedMethod()),
                new RpcBinding<>("unread", InboxServiceGrpc.getCountUnreadMethod()),
                new RpcBinding<>("get", InboxServiceGrpc.getGetReceivedMethod()),
                new RpcBinding<>("read", InboxServiceGrpc.getMarkReadMethod()),
                new RpcBinding<>("delete", InboxServiceGrpc.getDeleteReceivedMethod()),
                new RpcBinding<>("sent", OutboxServiceGrpc.getListSentMethod()),
                new RpcBinding<>("deleteSent", OutboxServiceGrpc.getDeleteSentMethod()),
                new RpcBinding<>("recall", OutboxServiceGrpc.getRecallMethod())));
    }

    /** The bound event names. */
    public Set<String> events() {
        return byEvent.keySet();
    }

    public Optional<RpcBinding<?, ?>> find(String event) {
        return Optional.ofNullable(byEvent.get(event));
    }
}
