package dev.herald.gateway.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser app served at {@code /}: every file under the classpath directory {@value #RESOURCE_DIR} (the app,
 * and the client library under {@code lib/}, which the build copies there from {@code clients/js/src}). Tyrus
 * serves static files only from a directory, and inside a shaded jar they are classpath resources, so they are
 * copied to a temporary directory at startup. With a development token endpoint, {@code config.json} there tells
 * the app where it is.
 */
final class StaticClient implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(StaticClient.class);
    private static final String RESOURCE_DIR = "/client";
    /** A file every build of the app has: where the directory is found on the classpath. */
    private static final String ENTRY = RESOURCE_DIR + "/index.html";
    static final String CONFIG_FILE = "config.json";

    private final Path root;

    private StaticClient(Path root) {
        this.root = root;
    }

    static StaticClient extract(Optional<URI> devTokenUrl) {
        try {
            Path root = Files.createTempDirectory("herald-gateway-client-");
            copyResources(root);
            if (devTokenUrl.isPresent()) {
                Files.writeString(root.resolve(CONFIG_FILE), new ObjectMapper()
                        .writeValueAsString(Map.of("devTokenUrl", devTokenUrl.get().toString())));
            }
            return new StaticClient(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the browser client", e);
        }
    }

    /** Copies the resource directory, from the jar the gateway runs from or from a build's classes directory. */
    private static synchronized void copyResources(Path target) throws IOException {
        URL entry = StaticClient.class.getResource(ENTRY);
        if (entry == null) {
            throw new IllegalStateException("resource " + ENTRY + " is missing from the classpath");
        }
        URI uri = toUri(entry);
        if ("jar".equals(uri.getScheme())) {
            // Opened and closed here, one caller at a time (several gateways may start in one JVM).
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(jar.getPath(RESOURCE_DIR), target);
            } catch (FileSystemAlreadyExistsException e) {
                // Someone else in this JVM holds the jar open: read through theirs, and leave it open.
                copyTree(FileSystems.getFileSystem(uri).getPath(RESOURCE_DIR), target);
            }
        } else {
            copyTree(Path.of(uri).getParent(), target);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            // Resolved by name, part by part: the jar's paths belong to another file system.
            Path copy = target;
            for (Path part : source.relativize(file)) {
                copy = copy.resolve(part.toString());
            }
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("resource URL " + url + " is not a URI", e);
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
