package dev.herald.gateway;

import dev.herald.config.ServiceStartup;
import dev.herald.logging.JulBridge;
import java.security.Security;

/**
 * Runs a gateway configured from the environment until the JVM is told to stop. A value that cannot be used stops
 * it with one line on stderr and exit status 2, a failed start (the port taken) with one line and exit status 1.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        resolveNamesAfresh();
        ServiceStartup startup = ServiceStartup.of("gateway");
        GatewayConfig config = startup.configuration(() -> GatewayConfig.fromEnv(System.getenv()));
        JulBridge.install();
        GatewayServer server = startup.start(() -> GatewayServer.start(config));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by its own shutdown hook.
            System.err.println("herald gateway: shutting down");
            server.close();
            System.err.println("herald gateway: stopped");
        }, "herald-gateway-shutdown"));
        server.blockUntilShutdown();
    }

    /**
     * The JVM keeps a name's addresses 30 s by default ({@code networkaddress.cache.ttl}, read once, at the first
     * lookup), so a re-resolved headless Service would lag up to that much behind DNS: the gateway asks afresh at
     * every round instead, unless the operator set a TTL ({@code -Dsun.net.inetaddr.ttl} or the security property).
     * First thing in {@code main}, before anything resolves a name. Its only other lookups are the JWKS host's.
     */
    private static void resolveNamesAfresh() {
        if (Security.getProperty("networkaddress.cache.ttl") == null
                && System.getProperty("sun.net.inetaddr.ttl") == null) {
            Security.setProperty("networkaddress.cache.ttl", "0");
        }
    }
}
