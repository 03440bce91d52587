package dev.herald.gateway;

import dev.herald.config.ServiceStartup;
import dev.herald.logging.JulBridge;

/**
 * Runs a gateway configured from the environment until the JVM is told to stop. A value that cannot be used stops
 * it with one line on stderr and exit status 2, a failed start (the port taken) with one line and exit status 1.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
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
}
