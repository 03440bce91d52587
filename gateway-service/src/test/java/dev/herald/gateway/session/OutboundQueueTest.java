package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    /** Holds every write open until the test completes it, like a client that does not read. */
    private final List<Runnable> unwritten = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> overflows = new ArrayList<>();
    private final OutboundQueue.Transport held = (frame, onWritten) -> {
        sent.add(frame.payloadText());
        unwritten.add(onWritten);
    };

    private final OutboundQueue queue = new OutboundQueue(3, 1 << 20, held, overflows::add);

    @Test
    void sendsUpToTheLimitWithoutWaiting() {
        assertThat(queue.offer(frame("a"))).isTrue();
        assertThat(queue.offer(frame("b"))).isTrue();
        assertThat(queue.offer(frame("c"))).isTrue();

        assertThat(sent).containsExactly("a", "b", "c");
        assertThat(queue.pending()).isEqualTo(3);
        assertThat(queue.pendingBytes()).isEqualTo(9); // 2-byte header + 1 byte each
        assertThat(overflows).isEmpty();
    }

    @Test
    void overflowsOnceWhenAFrameWouldExceedTheLimit() {
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.offer(frame("c"));

        assertThat(queue.offer(frame("d"))).isFalse();
        assertThat(queue.offer(frame("e"))).isFalse();

        assertThat(overflows).containsExactly("slow consumer: more than 3 frames waiting");
        assertThat(sent).containsExactly("a", "b", "c");
        assertThat(queue.pending()).isEqualTo(3);
    }

    @Test
    void overflowsOnceWhenAFrameWouldTakeTheBytesPastTheirLimit() {
        OutboundQueue bytes = new OutboundQueue(1024, 100_000, held, overflows::add);

        assertThat(bytes.offer(frame("a".repeat(60_000)))).isTrue();
        assertThat(bytes.offer(frame("b".repeat(39_000)))).isTrue();
        assertThat(bytes.offer(frame("c".repeat(2_000)))).isFalse();
        assertThat(bytes.offer(frame("d"))).isFalse();

        assertThat(overflows).containsExactly("slow consumer: more than 100000 bytes waiting");
        assertThat(sent).hasSize(2);
        assertThat(bytes.pendingBytes()).isEqualTo(60_004 + 39_004);
    }

    @Test
    void anEmptyQueueTakesOneFrameLargerThanTheByteLimitAndNothingBehindIt() {
        OutboundQueue bytes = new OutboundQueue(1024, 100_000, held, overflows::add);

        assertThat(bytes.offer(frame("x".repeat(500_000)))).isTrue();
        assertThat(overflows).isEmpty();
        assertThat(bytes.offer(frame("y"))).isFalse();

        assertThat(overflows).containsExactly("slow consumer: more than 100000 bytes waiting");
        assertThat(bytes.pendingBytes()).isEqualTo(500_010);
    }

    @Test
    void aReaderThatKeepsUpNeverOverflowsHoweverMuchPassesThrough() {
        OutboundQueue bytes = new OutboundQueue(1024, 100_000, held, overflows::add);

        for (int i = 0; i < 100; i++) {
            assertThat(bytes.offer(frame("z".repeat(60_000)))).isTrue();
            unwritten.removeFirst().run();
        }

        assertThat(overflows).isEmpty();
        assertThat(bytes.pendingBytes()).isZero();
        assertThat(bytes.pending()).isZero();
    }

    @Test
    void writtenFramesFreeRoom() {
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.offer(frame("c"));
        unwritten.removeFirst().run();
        unwritten.removeFirst().run();

        assertThat(queue.pending()).isEqualTo(1);
        assertThat(queue.pendingBytes()).isEqualTo(3);
        assertThat(queue.offer(frame("d"))).isTrue();
        assertThat(queue.offer(frame("e"))).isTrue();
        assertThat(overflows).isEmpty();
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
        assertThat(queue.pendingBytes()).isZero();
    }

    @Test
    void releasesTheSlotWhenTheTransportRefuses() {
        OutboundQueue closed = new OutboundQueue(1, 10, (text, onWritten) -> {
            throw new IllegalStateException("closed");
        }, overflows::add);

        assertThat(closed.offer(frame("a"))).isFalse();
        assertThat(closed.offer(frame("b"))).isFalse();
        assertThat(closed.pending()).isZero();
        assertThat(closed.pendingBytes()).isZero();
        assertThat(overflows).isEmpty();
    }

    @Test
    void framesQueuedWhileAWriteIsUnderwayGoOutTogetherInOrderInOneWrite() throws Exception {
        List<List<String>> writes = new CopyOnWriteArrayList<>();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finishWrite = new CountDownLatch(1);
        List<Runnable> written = new CopyOnWriteArrayList<>();
        OutboundQueue.Transport slow = new OutboundQueue.Transport() {
            @Override
            public void send(OutboundFrame frame, Runnable onWritten) {
                writes.add(List.of(frame.payloadText()));
                written.add(onWritten);
                if (frame.payloadText().equals("first")) {
                    writing.countDown();
                    awaitUninterruptibly(finishWrite);
                }
            }

            @Override
            public void sendAll(List<OutboundFrame> frames, Runnable onWritten) {
                writes.add(frames.stream().map(OutboundFrame::payloadText).toList());
                written.add(onWritten);
            }
        };
        OutboundQueue gathering = new OutboundQueue(100, 1 << 20, slow, overflows::add);
        Thread writer = Thread.ofPlatform().start(() -> gathering.offer(frame("first")));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

        // Another thread is writing: these are queued and the offers return at once.
        assertThat(gathering.offer(frame("b"))).isTrue();
        assertThat(gathering.offer(frame("c"))).isTrue();
        assertThat(gathering.offer(frame("d"))).isTrue();
        assertThat(writes).containsExactly(List.of("first"));
        finishWrite.countDown();
        writer.join(5_000);

        assertThat(writes).containsExactly(List.of("first"), List.of("b", "c", "d"));
        assertThat(gathering.pending()).isEqualTo(4);
        written.forEach(Runnable::run);
        assertThat(gathering.pending()).isZero();
        assertThat(gathering.pendingBytes()).isZero();
    }

    @Test
    void aGatheredWriteStopsAtItsByteBound() throws Exception {
        List<Integer> writeSizes = new CopyOnWriteArrayList<>();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finishWrite = new CountDownLatch(1);
        OutboundQueue.Transport counting = new OutboundQueue.Transport() {
            @Override
            public void send(OutboundFrame frame, Runnable onWritten) {
                writeSizes.add(1);
                if (frame.payloadText().equals("first")) {
                    writing.countDown();
                    awaitUninterruptibly(finishWrite);
                }
            }

            @Override
            public void sendAll(List<OutboundFrame> frames, Runnable onWritten) {
                writeSizes.add(frames.size());
            }
        };
        OutboundQueue gathering = new OutboundQueue(100, 1 << 20, counting, overflows::add);
        Thread writer = Thread.ofPlatform().start(() -> gathering.offer(frame("first")));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        String quarter = "q".repeat(OutboundQueue.MAX_GATHERED_BYTES / 4 - 4); // 4-byte header: a quarter each

        for (int i = 0; i < 6; i++) {
            assertThat(gathering.offer(frame(quarter))).isTrue();
        }
        finishWrite.countDown();
        writer.join(5_000);

        assertThat(writeSizes).containsExactly(1, 4, 2);
    }

    @Test
    void framesFromManyThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        OutboundQueue.Transport recording = new OutboundQueue.Transport() {
            @Override
            public synchronized void send(OutboundFrame frame, Runnable onWritten) {
                received.add(frame.payloadText());
                onWritten.run();
            }

            @Override
            public synchronized void sendAll(List<OutboundFrame> frames, Runnable onWritten) {
                frames.forEach(frame -> received.add(frame.payloadText()));
                onWritten.run();
            }
        };
        OutboundQueue shared = new OutboundQueue(1_000_000, 1 << 30, recording, overflows::add);
        int threads = 4;
        int perThread = 5_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        assertThat(shared.offer(frame(thread + ":" + i))).isTrue();
                    }
                });
            }
        }

        assertThat(received).hasSize(threads * perThread);
        int[] next = new int[threads];
        for (String text : received) {
            String[] parts = text.split(":");
            int thread = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[thread]++);
        }
        assertThat(shared.pending()).isZero();
        assertThat(shared.pendingBytes()).isZero();
        assertThat(overflows).isEmpty();
    }

    @Test
    void requiresPositiveLimits() {
        assertThatThrownBy(() -> new OutboundQueue(0, 1, (t, w) -> {}, reason -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frameLimit: 0 (expected: > 0)");
        assertThatThrownBy(() -> new OutboundQueue(1, 0, (t, w) -> {}, reason -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("byteLimit: 0 (expected: > 0)");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OutboundFrame frame(String text) {
        return TestFrames.text(text);
    }
}
