package dev.herald.bench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for the heap probes' tests: it holds {@code mb} MB after dropping 160 MB of garbage, says so on
 * stdout, and keeps holding it until the test destroys it (or its stdin closes).
 */
public final class HeapHolder {

    /** Starts the holder with {@code jvmOptions} and returns once it holds {@code mb} MB. */
    public static Process start(int mb, String... jvmOptions) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HeapHolder.class.getName(),
                               Integer.toString(mb)));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                                                                            StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("holding " + mb);
        return process;
    }

    public static void main(String[] args) throws IOException {
        final int mb = Integer.parseInt(args[0]);
        for (int i = 0; i < 40; i++) {
            final byte[] garbage = new byte[4 << 20];
            garbage[i] = 1;
        }
        final byte[] held = new byte[mb << 20];
        System.out.println("holding " + mb);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Blocks until the parent is gone: the held array stays reachable until then.
        }
        System.out.println(held.length);
    }
}
