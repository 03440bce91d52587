package dev.herald.gateway;

/** Runs a gateway configured from the environment until the JVM is told to stop. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        final GatewayConfig config;
        try {
            config = GatewayConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("herald gateway: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        GatewayServer server = GatewayServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by its own shutdown hook.
            System.err.println("herald gateway: shutting down");
            server.close();
        }, "herald-gateway-shutdown"));
        server.blockUntilShutdown();
    }
}
