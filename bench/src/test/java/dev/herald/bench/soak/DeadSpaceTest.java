package dev.herald.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadSpaceTest {

    @Test
    void sums_the_filler_objects_of_a_class_histogram() {
        String histogram = """
                5568:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:             6        6016824  [Ljdk.internal.vm.FillerElement; (java.base@25.0.3)
                   2:         33011        3612616  [B (java.base@25.0.3)
                   3:            12            192  jdk.internal.vm.FillerObject (java.base@25.0.3)
                   4:         31954         766896  java.lang.String (java.base@25.0.3)
                Total        158898       15407880
                """;

        assertThat(DeadSpace.fillerBytes(histogram)).isEqualTo(6_017_016L);
    }

    @Test
    void a_histogram_without_fillers_or_no_histogram_has_none() {
        assertThat(DeadSpace.fillerBytes("   1:   10   1000  [B (java.base@25.0.3)\nTotal 10 1000\n")).isZero();
        assertThat(DeadSpace.fillerBytes("5568:\nCommand executed successfully\n")).isZero();
    }
}
