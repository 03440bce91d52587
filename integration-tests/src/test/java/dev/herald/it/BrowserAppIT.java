package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser app, end to end in headless Chromium: the whole stack here, and {@code clients/app-tests/app.test.mjs}
 * (playwright-core driving Debian's chromium, axe-core) run by {@code node} against the app the gateway serves, the
 * users signing in by name through the identity provider's token endpoint. The script's scenarios, axe findings and
 * screenshot paths are in its output, which a failure shows in full; the screenshots go to
 * {@code target/app-screenshots}. {@code npm ci} in {@code clients/app-tests} runs before, from this module's pom.
 */
class BrowserAppIT {

    private static final Path TESTS = Path.of("..", "clients", "app-tests").toAbsolutePath().normalize();
    private static final String CHROMIUM = System.getenv().getOrDefault("HERALD_CHROMIUM", "/usr/bin/chromium");

    static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.startWithDevTokens(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void twoUsersChatDirectlyAndInARoomThroughOfflineReadTicksTypingAndAnAdminDeletion() throws Exception {
        assertThat(new File(CHROMIUM).canExecute())
                .as("Debian's chromium at %s (deploy/local/ensure-services.sh installs it)", CHROMIUM).isTrue();
        Path screenshots = Path.of("target", "app-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Path log = Path.of("target", "app-tests.log").toAbsolutePath();
        ProcessBuilder node = new ProcessBuilder("node", "app.test.mjs")
                .directory(TESTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("HERALD_APP_URL", stack.appUri().toString());
        node.environment().put("HERALD_SCREENSHOT_DIR", screenshots.toString());
        node.environment().put("HERALD_CHROMIUM", CHROMIUM);
        Process process = node.start();
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(finished).as("node app.test.mjs still running after 6 minutes; its output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("node app.test.mjs failed; its output:%n%s", output).isZero();
        System.out.println(output);
    }
}
