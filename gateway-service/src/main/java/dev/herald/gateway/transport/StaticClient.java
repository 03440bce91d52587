package dev.herald.gateway.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small browser client served at {@code /}. Tyrus serves static files only from a directory, and inside a
 * shaded jar they are classpath resources, so they are copied to a temporary directory at startup.
 */
final class StaticClient implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(StaticClient.class);
    private static final String RESOURCE_DIR = "/client/";
    private static final List<String> FILES = List.of("index.html", "app.js");

    private final Path root;

    private StaticClient(Path root) {
        this.root = root;
    }

    static StaticClient extract() {
        try {
            Path root = Files.createTempDirectory("herald-gateway-client-");
            for (String file : FILES) {
                try (InputStream in = StaticClient.class.getResourceAsStream(RESOURCE_DIR + file)) {
                    if (in == null) {
                        throw new IllegalStateException("resource " + RESOURCE_DIR + file + " is missing from the jar");
                    }
                    Files.copy(in, root.resolve(file));
                }
            }
            return new StaticClient(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the browser client", e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary directory is harmless: say so and carry on shutting down.
            logger.atWarn().addKeyValue("directory", root)
                    .log("cannot delete the browser client's copy: {}", e.toString());
        }
    }
}
