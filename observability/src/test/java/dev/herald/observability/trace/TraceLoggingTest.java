package dev.herald.observability.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceLoggingTest {

    private static final Traceparent OUTER =
            Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
    private static final Traceparent INNER =
            Traceparent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00").orElseThrow();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheIdsForTheScopeOnly() {
        try (TraceLogging.Scope scope = TraceLogging.open(OUTER)) {
            assertThat(MDC.get("trace_id")).isEqualTo(OUTER.traceId());
            assertThat(MDC.get("span_id")).isEqualTo(OUTER.spanId());
        }
        assertThat(MDC.get("trace_id")).isNull();
        assertThat(MDC.get("span_id")).isNull();
    }

    @Test
    void aNestedScopeRestoresTheOuterOne() {
        try (TraceLogging.Scope outer = TraceLogging.open(OUTER)) {
            try (TraceLogging.Scope inner = TraceLogging.open(INNER)) {
                assertThat(MDC.get("trace_id")).isEqualTo(INNER.traceId());
            }
            assertThat(MDC.get("trace_id")).isEqualTo(OUTER.traceId());
            assertThat(MDC.get("span_id")).isEqualTo(OUTER.spanId());
        }
    }

    @Test
    void leavesOtherKeysAlone() {
        MDC.put("consumer", "worker");
        try (TraceLogging.Scope scope = TraceLogging.open(OUTER)) {
            assertThat(MDC.get("consumer")).isEqualTo("worker");
        }
        assertThat(MDC.get("consumer")).isEqualTo("worker");
    }
}
