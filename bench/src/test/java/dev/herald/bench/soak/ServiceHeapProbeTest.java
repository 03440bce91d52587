package dev.herald.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceHeapProbeTest {

    @Test
    void names_a_service_by_its_jar_without_version() {
        String cmdline = String.join("\0", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
                                     "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-jar",
                                     "/work/herald/gateway-service/target/gateway-service-0.1.0-SNAPSHOT-all.jar", "");

        assertThat(ServiceHeapProbe.serviceName(cmdline, 42)).isEqualTo("gateway-service");
        assertThat(ServiceHeapProbe.serviceName("java\0-jar\0worker.jar\0", 42)).isEqualTo("worker");
    }

    @Test
    void names_a_jvm_without_a_jar_by_its_main_class_else_by_pid() {
        assertThat(ServiceHeapProbe.serviceName("java\0-cp\0a.jar:b\0-Xmx1g\0dev.herald.Main\0", 7))
                .isEqualTo("Main");
        assertThat(ServiceHeapProbe.serviceName("java\0-version\0", 7)).isEqualTo("pid 7");
    }
}
