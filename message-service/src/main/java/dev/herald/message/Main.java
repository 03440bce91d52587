package dev.herald.message;

import dev.herald.config.ServiceStartup;
import dev.herald.logging.JulBridge;
import java.util.concurrent.CountDownLatch;

/**
 * Reads the configuration from the environment and runs the message-service until stopped. A value that cannot be
 * used stops it with one line on stderr and exit status 2, a failed start with one line and exit status 1.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        ServiceStartup startup = ServiceStartup.of("message-service");
        MessageServiceConfig config = startup.configuration(() -> MessageServiceConfig.fromEnv(System.getenv()));
        JulBridge.install();
        MessageServer server = startup.start(() -> MessageServer.start(config));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stderr, since the logger may have been reset by its own shutdown hook.
            System.err.println("herald message-service: shutting down");
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                System.err.println("herald message-service: stopped");
                stopped.countDown();
            }
        }, "herald-message-service-shutdown"));
        stopped.await();
    }
}
