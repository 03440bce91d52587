package dev.herald.it;

import static org.awaitility.Awaitility.await;

import dev.herald.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery by DNS without a DNS server: the gateways (child JVMs) resolve {@code message-service.herald.test}
 * through a hosts file the test rewrites ({@code -Djdk.net.hosts.file}: the JDK reads it at every lookup once the
 * gateway's {@code Main} has turned the JVM's 30 s DNS cache off, the same mechanism as real DNS), and
 * the message-services listen on 127.0.0.2, .3 and .4, one port for all, as the pods of a headless Service do.
 * Under a tracked load a third instance is started and added to the name: both gateways link to it. The first is
 * then removed from the name and stopped, and finally the second is removed (left running), so that the third
 * serves alone: every acked message is stored and received once throughout.
 */
class DnsDiscoveryIT {

    private static final String NAME = "message-service.herald.test";
    private static final Duration LINKED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void instancesJoiningAndLeavingTheNameAreLinkedAndDrainedWithoutLosingAMessage() throws Exception {
        int port = FreePorts.find();
        Path hosts = dir.resolve("hosts");
        writeHosts(hosts, List.of("127.0.0.2", "127.0.0.3"));
        try (HeraldStack stack = HeraldStack.start(Map.of());
             Instances instances = new Instances(stack.env, port)) {
            instances.start("127.0.0.2");
            instances.start("127.0.0.3");
            Map<String, String> settings = Map.of("HERALD_MESSAGE_SERVICE_RESOLVE_SECONDS", "1",
                    // A name is not loopback by its text: plain-text gRPC to it needs development mode.
                    "HERALD_DEV_MODE", "true", "HERALD_OPS_PORT", "0");
            List<String> jvm = List.of("-Djdk.net.hosts.file=" + hosts);
            try (ChildService first = ChildService.gateway(stack.env, FreePorts.find(), NAME + ":" + port,
                            settings, jvm).start();
                 ChildService second = ChildService.gateway(stack.env, FreePorts.find(), NAME + ":" + port,
                            settings, jvm).start()) {
                List<ChildService> gateways = List.of(first, second);
                awaitLinked(gateways, "127.0.0.2:" + port);
                awaitLinked(gateways, "127.0.0.3:" + port);
                try (TrackedLoad load = TrackedLoad.start(List.of(first.socketUri(), second.socketUri()),
                        id -> stack.token(id, id), TrackedLoad.Shape.standard())) {
                    load.awaitMoreAcked(200);

                    instances.start("127.0.0.4");
                    long named = System.nanoTime();
                    writeHosts(hosts, List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"));
                    awaitLinked(gateways, "127.0.0.4:" + port);
                    System.out.printf("dns-discovery: 127.0.0.4 linked by both gateways %.1f s after it was named%n",
                            (System.nanoTime() - named) / 1e9);
                    load.awaitMoreAcked(200);

                    long unnamed = System.nanoTime();
                    writeHosts(hosts, List.of("127.0.0.3", "127.0.0.4"));
                    awaitDrained(gateways, "127.0.0.2:" + port);
                    System.out.printf("dns-discovery: 127.0.0.2 drained and closed by both gateways %.1f s after it"
                            + " left the name%n", (System.nanoTime() - unnamed) / 1e9);
                    instances.stop("127.0.0.2");
                    load.awaitMoreAcked(200);

                    // The third instance alone: every call goes to it.
                    writeHosts(hosts, List.of("127.0.0.4"));
                    awaitDrained(gateways, "127.0.0.3:" + port);
                    load.awaitMoreAcked(200);

                    load.finish("dns-discovery", stack::sql).printAndCheck();
                }
            }
        }
    }

    private static void awaitLinked(List<ChildService> gateways, String instance) {
        await().atMost(LINKED).pollInterval(Duration.ofMillis(100))
                .until(() -> gateways.stream().allMatch(gateway -> gateway.logged("link up", instance)));
    }

    private static void awaitDrained(List<ChildService> gateways, String instance) {
        await().atMost(LINKED).pollInterval(Duration.ofMillis(100))
                .until(() -> gateways.stream().allMatch(gateway -> gateway.logged("drained and closed", instance)));
    }

    /** Replaces the hosts file at once (a move), so a lookup never reads half of it. */
    private static void writeHosts(Path hosts, List<String> addresses) throws IOException {
        String lines = "127.0.0.1 localhost\n" + addresses.stream().map(address -> address + " " + NAME + "\n")
                .collect(Collectors.joining());
        Path next = Files.createTempFile(hosts.getParent(), "hosts", ".next");
        Files.writeString(next, lines);
        Files.move(next, hosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The message-services, child JVMs on loopback addresses sharing one port. */
    private static final class Instances implements AutoCloseable {

        private final Map<String, String> env;
        private final int port;
        private final List<ChildService> started = new ArrayList<>();
        private final Map<String, ChildService> byHost = new HashMap<>();

        Instances(Map<String, String> env, int port) {
            this.env = env;
            this.port = port;
        }

        void start(String host) {
            // A small pool: three instances share the test server's connection slots with every other test.
            ChildService instance = ChildService.messageService(env, host, port, Map.of(
                    "HERALD_PRESENCE_OFFLINE_DEBOUNCE_MS", "500", "HERALD_OPS_PORT", "0", "HERALD_DB_POOL_SIZE", "3"));
            started.add(instance);
            byHost.put(host, instance);
            instance.start();
        }

        /** SIGTERM: the instance shuts down gracefully, as a pod scaled away does. */
        void stop(String host) {
            byHost.get(host).close();
        }

        @Override
        public void close() {
            started.forEach(ChildService::close);
        }
    }
}
