package dev.herald.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HeapProbeTest {

    @Test
    void reads_the_byte_total_of_a_class_histogram() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        390390       53806936  [B (java.base@25.0.3)
                   2:        350009       19600504  org.glassfish.grizzly.http.util.ByteChunk
                Total       4417248      209099128
                """;

        assertThat(HeapProbe.totalBytes(histogram)).isEqualTo(209_099_128L);
        assertThat(HeapProbe.totalBytes("12345:\nCommand not found\n")).isNull();
    }

    @Test
    @Timeout(120)
    void counts_what_a_jvm_holds_and_not_its_garbage() throws Exception {
        HeapProbe probe = HeapProbe.ofRunningJdk();
        Process empty = holder(0);
        Process holding = holder(64);
        try {
            Double without = probe.liveHeapMb(List.of(empty.pid()));
            Double with = probe.liveHeapMb(List.of(holding.pid()));

            assertThat(without).isNotNull();
            assertThat(with).isNotNull();
            // 64 MB held, 160 MB allocated and dropped: only the held part counts.
            assertThat(with - without).isBetween(60.0, 100.0);
        } finally {
            empty.destroyForcibly();
            holding.destroyForcibly();
        }
    }

    /**
     * A JVM that holds {@code mb} MB after dropping 160 MB of garbage, says so on stdout, and keeps holding it
     * until the test destroys it (or its stdin closes).
     */
    private static Process holder(int mb) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HeapHolder.class.getName(), Integer.toString(mb)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("holding " + mb);
        return process;
    }

    /** The child process of the test above. */
    public static final class HeapHolder {

        public static void main(String[] args) throws IOException {
            int mb = Integer.parseInt(args[0]);
            for (int i = 0; i < 40; i++) {
                byte[] garbage = new byte[4 << 20];
                garbage[i] = 1;
            }
            byte[] held = new byte[mb << 20];
            System.out.println("holding " + mb);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Blocks until the parent is gone: the held array stays reachable until then.
            }
            System.out.println(held.length);
        }
    }

    @Test
    void skips_processes_that_are_not_jvms() {
        assertThat(HeapProbe.ofRunningJdk().liveHeapMb(List.of(1L << 40))).isNull();
    }
}
