package dev.herald.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.testing.HeapHolder;
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
        Process empty = HeapHolder.start(0);
        Process holding = HeapHolder.start(64);
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

    @Test
    void skips_processes_that_are_not_jvms() {
        assertThat(HeapProbe.ofRunningJdk().liveHeapMb(List.of(1L << 40))).isNull();
    }
}
