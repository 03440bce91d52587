package dev.herald.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ServiceProcess;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Main} whose start fails (PostgreSQL unreachable): one line naming the cause and exit 1. */
class MainStartFailureIT {

    @Test
    void anUnreachableDatabaseStopsItWithOneLineAndExitOne() throws Exception {
        int nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("HERALD_DB_URL", "jdbc:postgresql://127.0.0.1:" + nobodyListens + "/herald");
        try (ServiceProcess worker = ServiceProcess.startShadedJar(env)) {
            assertThat(worker.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(worker.stderr()).filteredOn(line -> line.startsWith("herald persistence-worker: "))
                    .singleElement().asString()
                    .startsWith("herald persistence-worker: cannot start: ")
                    .contains("Connection to 127.0.0.1:" + nobodyListens + " refused");
        }
    }
}
