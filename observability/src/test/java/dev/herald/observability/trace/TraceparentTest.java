package dev.herald.observability.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheW3cExample() {
        Traceparent trace = Traceparent.parse(VALID).orElseThrow();

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(trace.format()).isEqualTo(VALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            // another version, or version ff (forbidden)
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            // all-zero trace or parent id
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            // upper case, non-hex, wrong separators
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
            "00 4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
            // too short, too long (a version 00 header has exactly 55 characters), fields shifted
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-010",
            "00-4bf92f3577b34da6a3ce929d0e0e47360-0f067aa0ba902b7-01",
            " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
            "00--4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "not a traceparent at all"})
    void refusesAnythingElse(String value) {
        assertThat(Traceparent.parse(value)).isEmpty();
    }

    @Test
    void refusesAHugeValueWithoutReadingIt() {
        assertThat(Traceparent.parse(VALID + "0".repeat(1_000_000))).isEmpty();
    }

    @Test
    void aNewRootHasFreshValidIds() {
        Set<String> traceIds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Traceparent root = Traceparent.newRoot();
            assertThat(Traceparent.parse(root.format())).contains(root);
            traceIds.add(root.traceId());
        }
        assertThat(traceIds).hasSize(1000);
    }

    @Test
    void aChildKeepsTheTraceIdAndFlagsWithANewSpan() {
        Traceparent parent = Traceparent.parse(VALID).orElseThrow();

        Traceparent child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.flags()).isEqualTo(parent.flags());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).hasSize(16);
        assertThat(Traceparent.parse(child.format())).contains(child);
    }

    @Test
    void theConstructorNamesABadComponent() {
        assertThatThrownBy(() -> new Traceparent("abc", "00f067aa0ba902b7", "01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("traceId: abc");
        assertThatThrownBy(() -> new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000000", "01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("spanId: ");
        assertThatThrownBy(() -> new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("flags: 1");
    }
}
