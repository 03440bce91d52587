package dev.herald.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSamplerTest {

    @TempDir
    Path proc;

    @Test
    void sumsCpuAndRssOfTheServerProcesses() throws Exception {
        process(11, "java (worker) x", 250, 50, 100_000);
        process(12, "nats-server", 100, 0, 20_480);
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n");
        final AtomicLong now = new AtomicLong();
        try (ProcessSampler sampler = new ProcessSampler(List.of(11L, 12L, 13L), proc, now::get)) {
            final ProcSample first = sampler.sample();
            assertThat(first).isNotNull();
            assertThat(first.cpuSeconds()).isEqualTo(4.0);
            assertThat(first.rssKb()).isEqualTo(120_480);
            assertThat(first.processes()).isEqualTo(2);
            assertThat(first.machineBusy()).isEqualTo(200);
            assertThat(first.machineTotal()).isEqualTo(1000);

            process(11, "java (worker) x", 300, 100, 110_000);
            Files.writeString(proc.resolve("stat"), "cpu  150 0 150 1200 100 0 0 0 0 0\n");
            now.set(2_000_000_000L);
            final ProcSample second = sampler.sample();
            assertThat(ProcSample.cpuPct(first, second)).isEqualTo(50.0); // 1 s of CPU in 2 s
            assertThat(ProcSample.machineBusyPct(first, second)).isEqualTo(16.7);
            assertThat(sampler.rssMaxMb()).isEqualTo(127.4);
        }
    }

    @Test
    void withoutServerProcessesThereIsNothingToRead() {
        try (ProcessSampler sampler = new ProcessSampler(List.of(), proc, System::nanoTime)) {
            assertThat(sampler.sample()).isNull();
            assertThat(sampler.rssMaxMb()).isNull();
            assertThat(ProcSample.cpuPct(null, null)).isNull();
        }
    }

    private void process(long pid, String name, long utime, long stime, long rssKb) throws Exception {
        final Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime + " "
                                               + stime + " 0 0 20 0 30 0 100 1000 25 18446744073709551615\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + name + "\nVmRSS:\t  " + rssKb + " kB\nThreads:\t30\n");
    }
}
