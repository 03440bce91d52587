package dev.herald.message;

import dev.herald.config.ServiceStartup;
import java.util.concurrent.CountDownLatch;

/**
 * Reads the configuration from the environment and runs the message-service until stopped. A value that cannot be
 * used stops it with one line on stderr and exit status 2.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        MessageServiceConfig config = ServiceStartup.of("message-service")
                .configuration(() -> MessageServiceConfig.fromEnv(System.getenv()));
        MessageServer server = MessageServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // stderr: the logger may already be shut down by now.
                System.err.println("message-service stopped");
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
    }
}
