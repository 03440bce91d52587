package dev.herald.message;

import java.util.concurrent.CountDownLatch;

/** Reads the configuration from the environment and runs the message-service until stopped. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        MessageServer server = MessageServer.start(MessageServiceConfig.fromEnv(System.getenv()));
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
