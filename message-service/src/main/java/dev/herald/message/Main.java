package dev.herald.message;

import dev.herald.config.ServiceStartup;
import dev.herald.logging.JulBridge;
import java.util.concurrent.CountDownLatch;

/**
 * Reads the configuration from the environment and runs the message-service until stopped; with the argument
 * {@code migrate}, migrates the schema instead and exits ({@link MigrateCommand}). A value that cannot be used stops
 * it with one line on stderr and exit status 2, a failed start with one line and exit status 1.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            runCommand(args);
            return;
        }
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

    private static void runCommand(String[] args) throws Exception {
        if (args.length != 1 || !args[0].equals("migrate")) {
            System.err.println("herald message-service: unknown arguments " + String.join(" ", args)
                    + " (expected: none to run the service, or migrate)");
            System.exit(ServiceStartup.BAD_CONFIGURATION);
        }
        ServiceStartup startup = ServiceStartup.of("migrate");
        MigrateCommand.Settings settings = startup.configuration(() -> MigrateCommand.Settings.fromEnv(System.getenv()));
        JulBridge.install();
        startup.start(() -> {
            new MigrateCommand(settings, System.out).run();
            return null;
        });
        System.exit(0);
    }
}
