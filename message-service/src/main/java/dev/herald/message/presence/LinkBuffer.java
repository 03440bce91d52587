package dev.herald.message.presence;

import dev.herald.proto.v1.LinkResponse;
import java.util.ArrayDeque;
import java.util.Queue;
import org.jspecify.annotations.Nullable;

/**
 * What a link holds while its stream is not ready, oldest first, counted in serialized bytes. Not thread-safe: its
 * {@link GatewayChannel} guards it.
 */
final class LinkBuffer {

    private final Queue<LinkResponse> pending = new ArrayDeque<>();
    private final long boundBytes;
    private long bytes;

    LinkBuffer(long boundBytes) {
        this.boundBytes = boundBytes;
    }

    /**
     * Queues {@code response} if it fits under the bound; an empty buffer takes any one response, so a delivery
     * larger than the bound does not end a link that reads.
     *
     * @return false, queueing nothing, when the response would take the buffer over its bound
     */
    boolean offer(LinkResponse response) {
        int size = response.getSerializedSize();
        if (!pending.isEmpty() && bytes + size > boundBytes) {
            return false;
        }
        pending.add(response);
        bytes += size;
        return true;
    }

    /** The oldest response, removed, or null when nothing waits. */
    @Nullable LinkResponse poll() {
        LinkResponse next = pending.poll();
        if (next != null) {
            bytes -= next.getSerializedSize();
        }
        return next;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    long boundBytes() {
        return boundBytes;
    }

    void clear() {
        pending.clear();
        bytes = 0;
    }
}
