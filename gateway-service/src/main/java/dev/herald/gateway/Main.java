package dev.herald.gateway;

import dev.herald.config.ServiceStartup;

/** Runs a gateway configured from the environment until the JVM is told to stop. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        GatewayConfig config = ServiceStartup.of("gateway")
                .configuration(() -> GatewayConfig.fromEnv(System.getenv()));
        GatewayServer server = GatewayServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by its own shutdown hook.
            System.err.println("herald gateway: shutting down");
            server.close();
        }, "herald-gateway-shutdown"));
        server.blockUntilShutdown();
    }
}
