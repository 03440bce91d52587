package dev.herald.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes {@code java.util.logging} into SLF4J. Grizzly, Tyrus and gRPC log through JUL, whose console handler
 * writes its own two-line format to stderr: without the bridge their lines would escape {@code HERALD_LOG_LEVEL}
 * and break {@code HERALD_LOG_FORMAT=json}'s one object per line.
 */
public final class JulBridge {

    private JulBridge() {}

    /** Replaces JUL's root handlers by the bridge; call once from {@code main}, after the configuration is read. */
    public static void install() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
