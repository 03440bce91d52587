package dev.herald.testing;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A JetStream cluster of real {@code nats-server} children on 127.0.0.1, each on free client and route ports with
 * its own store, named {@code n0}, {@code n1}... so a test can find a stream's leader by the name NATS reports and
 * kill that node ({@link NatsServerProcess#kill()}: SIGKILL). Started once a stream replicated on every node can be
 * created, so tests can create theirs at once.
 */
public final class NatsCluster implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(30);

    private final List<NatsServerProcess> nodes;

    private NatsCluster(List<NatsServerProcess> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code size} (at least 3, so one can fail with a quorum left) clustered nodes. */
    public static NatsCluster start(int size) {
        if (size < 3) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 3)");
        }
        List<Integer> ports = distinctFreePorts(2 * size);
        List<Integer> clientPorts = ports.subList(0, size);
        List<Integer> routePorts = ports.subList(size, 2 * size);
        String clusterName = "herald-test-" + UUID.randomUUID().toString().substring(0, 8);
        List<NatsServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                int self = i;
                String routes = routePorts.stream().filter(p -> !p.equals(routePorts.get(self)))
                        .map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
                nodes.add(NatsServerProcess.start(clientPorts.get(i), List.of("-n", nodeName(i),
                        "--cluster_name", clusterName, "--cluster", "nats://127.0.0.1:" + routePorts.get(i),
                        "--routes", routes)));
            }
            NatsCluster cluster = new NatsCluster(nodes);
            cluster.awaitReplicatedStreams();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(NatsServerProcess::close);
            throw e;
        }
    }

    /** Every node's client URL, comma-separated, as {@code HERALD_NATS_URL} takes them. */
    public String url() {
        return nodes.stream().map(NatsServerProcess::url).collect(Collectors.joining(","));
    }

    public List<NatsServerProcess> nodes() {
        return nodes;
    }

    /** The node NATS calls {@code serverName} (a stream's leader, from its cluster info). */
    public NatsServerProcess node(String serverName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodeName(i).equals(serverName)) {
                return nodes.get(i);
            }
        }
        throw new IllegalArgumentException("serverName: " + serverName + " (expected: n0..n" + (nodes.size() - 1) + ")");
    }

    /**
     * Waits until a stream replicated on every node can be created: the nodes have elected a meta leader and each
     * has joined it (a meta leader alone refuses an R3 stream until the peers are known).
     */
    private void awaitReplicatedStreams() {
        Options options = new Options.Builder().server(url()).connectionTimeout(Duration.ofSeconds(2)).build();
        StreamConfiguration probe = StreamConfiguration.builder()
                .name("READY_" + UUID.randomUUID().toString().replace("-", ""))
                .subjects("ready." + UUID.randomUUID().toString().replace("-", ""))
                .storageType(StorageType.Memory).replicas(nodes.size()).build();
        Instant deadline = Instant.now().plus(READY);
        String lastFailure = "no attempt";
        while (Instant.now().isBefore(deadline)) {
            try (Connection nats = Nats.connect(options)) {
                JetStreamManagement jsm = nats.jetStreamManagement();
                jsm.addStream(probe);
                jsm.deleteStream(probe.getName());
                return;
            } catch (IOException | JetStreamApiException e) {
                // No meta leader yet (no reply, or JetStream unavailable) or not every peer known: retry shortly.
                lastFailure = e.toString();
                NatsServerProcess.pause(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the NATS cluster", e);
            }
        }
        throw new IllegalStateException("the NATS cluster took no R" + nodes.size() + " stream within " + READY + ": "
                + lastFailure);
    }

    @Override
    public void close() {
        nodes.forEach(NatsServerProcess::close);
    }

    private static String nodeName(int index) {
        return "n" + index;
    }

    private static List<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(FreePorts.find());
        }
        return List.copyOf(ports);
    }
}
