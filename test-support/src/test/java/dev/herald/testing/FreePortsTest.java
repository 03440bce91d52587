package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aFoundPortLiesBelowTheEphemeralRangeAndCanBeListenedOn() throws IOException {
        int ephemeralStart = Integer.parseInt(
                firstLine(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);

        int port = FreePorts.find();

        assertThat(ephemeralStart).isGreaterThan(10_000);
        assertThat(port).isBetween(10_000, ephemeralStart - 1);
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return reader.readLine();
        }
    }

    @Test
    void aPortHeldByAServerIsNotFound() throws IOException {
        int held = FreePorts.find();
        try (ServerSocket server = new ServerSocket(held, 1, InetAddress.getByName("0.0.0.0"))) {
            for (int i = 0; i < 500; i++) {
                assertThat(FreePorts.find()).isNotEqualTo(held);
            }
        }
    }
}
