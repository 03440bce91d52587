package dev.herald.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.testing.HeapHolder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ServiceHeapProbeTest {

    @Test
    void names_a_service_by_its_jar_without_version() {
        String cmdline = String.join("\0", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
                                     "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-jar",
                                     "/work/herald/gateway-service/target/gateway-service-0.1.0-SNAPSHOT-all.jar", "");

        assertThat(ServiceHeapProbe.serviceName(cmdline, 42)).isEqualTo("gateway-service");
        assertThat(ServiceHeapProbe.serviceName("java\0-cp\0lib/a.jar\0dev.herald.Main\0", 42)).isEqualTo("Main");
        assertThat(ServiceHeapProbe.serviceName("java\0-jar\0worker.jar\0", 42)).isEqualTo("worker");
    }

    @Test
    @Timeout(120)
    void reads_what_a_jvm_holds_in_its_old_generation_after_a_full_collection() throws Exception {
        Process holding = HeapHolder.start(64, "-XX:+UseSerialGC"); // as deploy/local/run.sh starts them
        try {
            List<ServiceHeap> heaps = ServiceHeapProbe.ofRunningJdk().afterFullGc(List.of(holding.pid(), 1L << 40));

            // 64 MB held, 160 MB allocated and dropped before; the pid that is no process is skipped.
            assertThat(heaps).singleElement().satisfies(heap -> {
                assertThat(heap.service()).isEqualTo("HeapHolder");
                assertThat(heap.oldGenMb()).isBetween(64.0, 90.0);
                assertThat(heap.deadSpaceMb()).isNotNull();
                assertThat(heap.usedMb()).isGreaterThanOrEqualTo(heap.oldGenMb() + heap.deadSpaceMb());
            });
        } finally {
            holding.destroyForcibly();
        }
    }

    @Test
    void names_a_jvm_without_a_jar_by_its_main_class_else_by_pid() {
        assertThat(ServiceHeapProbe.serviceName("java\0-cp\0a.jar:b\0-Xmx1g\0dev.herald.Main\0", 7))
                .isEqualTo("Main");
        assertThat(ServiceHeapProbe.serviceName("java\0-version\0", 7)).isEqualTo("pid 7");
    }
}
