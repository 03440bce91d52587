package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an open socket keeps on the gateway's heap. Counted with the class histogram of this JVM, which counts live
 * objects only (it collects first), so the figure is about what stays reachable, not garbage.
 */
class SocketMemoryIT {

    private static final String UPGRADE_REQUEST = "org.glassfish.grizzly.http.HttpServerFilter$ServerHttpRequestImpl";
    private static final String PEER_SOCKET = "dev.herald.gateway.transport.PeerSocket";
    private static final int SOCKETS = 40;

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    @Test
    @Timeout(120)
    void anOnlineSocketDoesNotKeepItsHttpUpgradeRequest() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            clients.add(env.online(GatewayExtension.user("idle" + i)));
        }

        long retained = liveInstances(UPGRADE_REQUEST);
        long[] guards = liveInstancesAndBytes(PEER_SOCKET);

        // Grizzly pools a few request objects per thread; before the shortcut every open socket held one.
        assertThat(retained).isLessThan(SOCKETS / 2);
        // The guards' state per socket (PeerSocket): no timer, no buffer.
        System.out.println("PeerSocket: " + guards[0] + " live, " + guards[1] + " bytes");
        assertThat(guards[0]).isGreaterThanOrEqualTo(SOCKETS);
        assertThat(guards[1] / guards[0]).isLessThanOrEqualTo(64);
        TestClient last = clients.getLast();
        last.send("nosuchevent", "after", "{}");
        assertThat(last.next().path("event").asText()).isEqualTo("exception");
        assertThat(clients).allMatch(TestClient::isOpen);
    }

    private static long liveInstances(String className) throws JMException {
        return liveInstancesAndBytes(className)[0];
    }

    /** Live instances of {@code className} and their shallow bytes. */
    private static long[] liveInstancesAndBytes(String className) throws JMException {
        // The in-process form of `jcmd PID GC.class_histogram`.
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        assertThat(histogram).contains("java.lang.String");
        // Lines read: "  12:   40   1840  class.Name (module)"; a class with no live instance is absent.
        long[] found = new long[2];
        histogram.lines()
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].equals(className))
                .forEach(columns -> {
                    found[0] += Long.parseLong(columns[1]);
                    found[1] += Long.parseLong(columns[2]);
                });
        return found;
    }
}
