package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    /** Holds every write open until the test completes it, like a client that does not read. */
    private final List<Runnable> unwritten = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();

    private final OutboundQueue queue = new OutboundQueue(3, (frame, onWritten) -> {
        sent.add(frame.payloadText());
        unwritten.add(onWritten);
    }, overflows::incrementAndGet);

    @Test
    void sendsUpToTheLimitWithoutWaiting() {
        assertThat(queue.offer(frame("a"))).isTrue();
        assertThat(queue.offer(frame("b"))).isTrue();
        assertThat(queue.offer(frame("c"))).isTrue();

        assertThat(sent).containsExactly("a", "b", "c");
        assertThat(queue.pending()).isEqualTo(3);
        assertThat(overflows).hasValue(0);
    }

    @Test
    void overflowsOnceWhenAFrameWouldExceedTheLimit() {
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.offer(frame("c"));

        assertThat(queue.offer(frame("d"))).isFalse();
        assertThat(queue.offer(frame("e"))).isFalse();

        assertThat(overflows).hasValue(1);
        assertThat(sent).containsExactly("a", "b", "c");
        assertThat(queue.pending()).isEqualTo(3);
    }

    @Test
    void writtenFramesFreeRoom() {
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.offer(frame("c"));
        unwritten.removeFirst().run();
        unwritten.removeFirst().run();

        assertThat(queue.pending()).isEqualTo(1);
        assertThat(queue.offer(frame("d"))).isTrue();
        assertThat(queue.offer(frame("e"))).isTrue();
        assertThat(overflows).hasValue(0);
    }

    @Test
    void sendsNothingMoreAfterAnOverflowEvenWhenDrained() {
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.offer(frame("c"));
        queue.offer(frame("d"));
        unwritten.forEach(Runnable::run);

        assertThat(queue.offer(frame("e"))).isFalse();
        assertThat(sent).containsExactly("a", "b", "c");
    }

    @Test
    void releasesTheSlotWhenTheTransportRefuses() {
        OutboundQueue closed = new OutboundQueue(1, (text, onWritten) -> {
            throw new IllegalStateException("closed");
        }, overflows::incrementAndGet);

        assertThat(closed.offer(frame("a"))).isFalse();
        assertThat(closed.offer(frame("b"))).isFalse();
        assertThat(closed.pending()).isZero();
        assertThat(overflows).hasValue(0);
    }

    private static OutboundFrame frame(String text) {
        return TestFrames.text(text);
    }

    @Test
    void requiresAPositiveLimit() {
        assertThatThrownBy(() -> new OutboundQueue(0, (t, w) -> {}, () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit: 0 (expected: > 0)");
    }
}
