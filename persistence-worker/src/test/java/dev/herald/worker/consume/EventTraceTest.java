package dev.herald.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.observability.trace.Traceparent;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTraceTest {

    private static final String SENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheTraceparentHeader() {
        Traceparent trace = EventTrace.of(record(new Headers().put("traceparent", SENT)));

        assertThat(trace).isNotNull();
        assertThat(trace.format()).isEqualTo(SENT);
    }

    @Test
    void aRecordWithoutOneOrWithAnInvalidOneHasNone() {
        assertThat(EventTrace.of(record(null))).isNull();
        assertThat(EventTrace.of(record(new Headers().put("Nats-Msg-Id", "m1")))).isNull();
        assertThat(EventTrace.of(record(new Headers().put("traceparent", SENT.toUpperCase())))).isNull();
    }

    @Test
    void namesABatchsDistinctTraceIds() {
        Traceparent one = Traceparent.parse(SENT).orElseThrow();
        Traceparent other = Traceparent.newRoot();

        assertThat(EventTrace.ids(Arrays.asList(one, null, one.child(), other)))
                .isEqualTo(one.traceId() + "," + other.traceId());
    }

    private static Message record(Headers headers) {
        return NatsMessage.builder().subject("herald.message").headers(headers).data(new byte[] {1}).build();
    }
}
