package dev.herald.gateway;

import dev.herald.config.ServiceStartup;
import dev.herald.logging.JulBridge;

/** Runs a gateway configured from the environment until the JVM is told to stop. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        GatewayConfig config = ServiceStartup.of("gateway")
                .configuration(() -> GatewayConfig.fromEnv(System.getenv()));
        JulBridge.install();
        GatewayServer server = GatewayServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by its own shutdown hook.
            System.err.println("herald gateway: shutting down");
            server.close();
            System.err.println("herald gateway: stopped");
        }, "herald-gateway-shutdown"));
        server.blockUntilShutdown();
    }
}
