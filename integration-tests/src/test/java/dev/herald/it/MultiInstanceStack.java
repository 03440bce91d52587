package dev.herald.it;

import dev.herald.gateway.link.RendezvousChoice;
import dev.herald.testing.FreePorts;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Two gateways and two message-services as real child processes, plus the persistence-worker as one, each gateway
 * linked to both message-services: the topology of {@code HERALD_LOCAL_GATEWAYS=2 HERALD_LOCAL_MESSAGE_SERVICES=2
 * deploy/local/run.sh}. NATS, PostgreSQL, the identity provider and the settings come from a {@link HeraldStack}
 * started without a worker; its own in-process gateway and message-service stay idle (no child links to them).
 */
final class MultiInstanceStack implements AutoCloseable {

    static final int INSTANCES = 2;

    private final HeraldStack base;
    private final List<ChildService> messageServices = new ArrayList<>();
    private final List<Integer> messageServicePorts = new ArrayList<>();
    private final List<ChildService> gateways = new ArrayList<>();
    private final ChildService worker;
    private final String targets;
    private final RendezvousChoice rendezvous;
    private final List<ManagedChannel> channels = new ArrayList<>();

    /** The message-services' offline debounce: short, so a test can wait it out. */
    static final Duration OFFLINE_DEBOUNCE = Duration.ofMillis(500);

    private MultiInstanceStack(HeraldStack base) {
        this.base = base;
        for (int i = 0; i < INSTANCES; i++) {
            int port = FreePorts.find();
            messageServicePorts.add(port);
            messageServices.add(ChildService.messageService(base.env, port,
                    Map.of("HERALD_PRESENCE_OFFLINE_DEBOUNCE_MS", Long.toString(OFFLINE_DEBOUNCE.toMillis()))));
        }
        List<String> targetList = messageServicePorts.stream().map(port -> "127.0.0.1:" + port).toList();
        this.targets = String.join(",", targetList);
        this.rendezvous = new RendezvousChoice(targetList);
        this.worker = ChildService.worker(base.env);
        for (int i = 0; i < INSTANCES; i++) {
            gateways.add(ChildService.gateway(base.env, FreePorts.find(), targets));
        }
    }

    /** Starts the whole topology on a fresh database; the message-services first, as gateways link to them. */
    static MultiInstanceStack start() throws Exception {
        MultiInstanceStack stack = new MultiInstanceStack(
                HeraldStack.startWithoutWorker(PostgresHandle.testDatabase(), Map.of()));
        try {
            startTogether(stack.messageServices);
            stack.worker.start();
            startTogether(stack.gateways);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    URI gatewayUri(int gateway) {
        return gateways.get(gateway).socketUri();
    }

    List<URI> gatewayUris() {
        return gateways.stream().map(ChildService::socketUri).toList();
    }

    ChildService messageService(int instance) {
        return messageServices.get(instance);
    }

    /**
     * A fresh user id, starting with {@code prefix}, that the gateways route to message-service {@code instance}
     * first (rendezvous over the targets, as every gateway does): tests put users on different instances on purpose.
     */
    String userServedBy(String prefix, int instance) {
        String wanted = "127.0.0.1:" + messageServicePorts.get(instance);
        for (int attempt = 0; attempt < 1000; attempt++) {
            String candidate = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            if (rendezvous.ranked(candidate).get(0).equals(wanted)) {
                return candidate;
            }
        }
        throw new AssertionError("no user id served by instance " + instance + " in 1000 tries");
    }

    /** A socket on {@code gateway} that went online as the user (acked). */
    ChatClient online(String userId, int gateway) {
        return ChatClient.online(gatewayUri(gateway), base.token(userId, userId));
    }

    /** A gRPC caller on message-service {@code instance}; {@code admin} adds the admin role. */
    GrpcUser grpc(int instance, String userId, boolean admin) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", messageServicePorts.get(instance),
                InsecureChannelCredentials.create()).build();
        channels.add(channel);
        return new GrpcUser(channel, userId, base.tokens.issue(userId, userId, admin, Duration.ofMinutes(30)));
    }

    String token(String userId) {
        return base.token(userId, userId);
    }

    java.sql.Connection sql() throws java.sql.SQLException {
        return base.sql();
    }

    @Override
    public void close() throws Exception {
        channels.forEach(ManagedChannel::shutdownNow);
        gateways.forEach(ChildService::close);
        worker.close();
        messageServices.forEach(ChildService::close);
        base.close();
    }

    /** Starts the services side by side (each JVM takes seconds to start) and waits for all. */
    private static void startTogether(List<ChildService> services) {
        CompletableFuture<?>[] started = services.stream()
                .map(service -> CompletableFuture.runAsync(service::start))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(started).join();
    }
}
