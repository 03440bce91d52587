package dev.herald.message.presence;

import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.LinkSendResult;
import dev.herald.proto.v1.LinkSendResults;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The results of a link's sends, written back in batches without waiting on a timer: the first result to complete
 * starts a flush on the executor, and every result that completes until the flush runs (JetStream acknowledges
 * publishes in bursts) goes out in the same frame. While the stream is not ready, results wait here, and the next
 * {@link #flush} once it is ready sends them together.
 */
final class LinkResults {

    /** Keeps a frame far under the gateways' inbound message limit (at least 64 KiB, ReplyBound). */
    private static final int MAX_FRAME_BYTES = 32 << 10;

    private final GatewayChannel channel;
    private final Executor flushes;
    private final Queue<LinkSendResult> completed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    LinkResults(GatewayChannel channel, Executor flushes) {
        this.channel = channel;
        this.flushes = flushes;
    }

    /** Queues a final result; thread-safe. */
    void add(LinkSendResult result) {
        completed.add(result);
        flush();
    }

    /** Starts a flush unless one is under way or nothing waits; runs again when the stream turns ready. */
    void flush() {
        if (!completed.isEmpty() && flushing.compareAndSet(false, true)) {
            try {
                flushes.execute(this::writeAll);
            } catch (RejectedExecutionException e) {
                // The instance is shutting down and ends its links: nothing more goes out on them.
                completed.clear();
                flushing.set(false);
            }
        }
    }

    private void writeAll() {
        do {
            while (channel.isWritable() && !completed.isEmpty()) {
                writeBatch();
            }
            flushing.set(false);
            // A result or a ready stream that came while the flag was still set would otherwise wait here.
        } while (!completed.isEmpty() && channel.isWritable() && flushing.compareAndSet(false, true));
    }

    private void writeBatch() {
        LinkSendResults.Builder batch = LinkSendResults.newBuilder();
        int bytes = 0;
        LinkSendResult next;
        while (bytes < MAX_FRAME_BYTES && (next = completed.poll()) != null) {
            batch.addResults(next);
            bytes += next.getSerializedSize();
        }
        if (batch.getResultsCount() > 0) {
            channel.send(LinkResponse.newBuilder().setSendResults(batch).build());
        }
    }
}
