package dev.herald.gateway.link;

import dev.herald.gateway.backend.BackendErrors;
import dev.herald.observability.trace.Traceparent;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendBatch;
import dev.herald.proto.v1.LinkSendResult;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.Status;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The sends of one link stream, batched without a timer: a send queued while no batch is being written is written
 * at once, by the thread that queued it; the sends queued while a batch is being written go out together in the
 * next frame. Each waits for its result from the instance; when the stream ends, every send not answered fails
 * with UNAVAILABLE at once (the client retries with its clientId), and a send past its deadline fails with
 * DEADLINE_EXCEEDED when {@link #expire} runs.
 */
final class LinkSender {

    /** Keeps a frame far under the instances' inbound message limit (at least 64 KiB, ReplyBound). */
    private static final int MAX_FRAME_BYTES = 32 << 10;

    private final Consumer<LinkRequest> write;
    private final AtomicLong ids = new AtomicLong();
    private final Queue<PendingSend> queued = new ConcurrentLinkedQueue<>();
    private final Map<Long, PendingSend> awaiting = new ConcurrentHashMap<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile @Nullable Status ended;

    /** @param write writes a frame on the stream; called by one thread at a time */
    LinkSender(Consumer<LinkRequest> write) {
        this.write = write;
    }

    /** A send on its way: the request, its result to come and when it is given up. */
    private record PendingSend(LinkSend send, CompletableFuture<SendResponse> result, long deadlineNanos) {}

    CompletableFuture<SendResponse> send(String userId, SendRequest request, long deadlineNanos,
            @Nullable Traceparent trace) {
        CompletableFuture<SendResponse> result = new CompletableFuture<>();
        Status end = ended;
        if (end != null) {
            result.completeExceptionally(end.asRuntimeException());
            return result;
        }
        LinkSend.Builder send = LinkSend.newBuilder().setSendId(ids.incrementAndGet()).setUserId(userId)
                .setRequest(request);
        if (trace != null) {
            send.setTraceparent(trace.format());
        }
        queued.add(new PendingSend(send.build(), result, deadlineNanos));
        if (ended != null) {
            failAll(); // ended between the check and the queueing: nobody else will fail it
            return result;
        }
        writeQueued();
        return result;
    }

    /** Completes the sends the instance answered. */
    void answered(Iterable<LinkSendResult> results) {
        for (LinkSendResult result : results) {
            PendingSend pending = awaiting.remove(result.getSendId());
            if (pending == null) {
                continue; // past its deadline already
            }
            switch (result.getOutcomeCase()) {
                case SENT -> pending.result().complete(result.getSent());
                case ERROR -> pending.result().completeExceptionally(BackendErrors.fromLinkError(result.getError()));
                case OUTCOME_NOT_SET -> pending.result().completeExceptionally(
                        Status.INTERNAL.withDescription("send answered without an outcome").asRuntimeException());
            }
        }
    }

    /** The stream ended: every send queued or waiting fails with {@code status}, and so does every later one. */
    void end(Status status) {
        ended = status;
        failAll();
    }

    /** Fails the sends whose deadline passed by {@code nowNanos}. */
    void expire(long nowNanos) {
        awaiting.values().removeIf(pending -> expired(pending, nowNanos));
        queued.removeIf(pending -> expired(pending, nowNanos));
    }

    /** Sends queued or waiting for their result. */
    int pending() {
        return queued.size() + awaiting.size();
    }

    private static boolean expired(PendingSend pending, long nowNanos) {
        if (nowNanos - pending.deadlineNanos() < 0) {
            return false;
        }
        pending.result().completeExceptionally(
                Status.DEADLINE_EXCEEDED.withDescription("no answer over the link in time").asRuntimeException());
        return true;
    }

    /** Writes what is queued, in frames, unless another thread is writing (it then writes what came meanwhile). */
    private void writeQueued() {
        while (!queued.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                LinkSendBatch.Builder batch = LinkSendBatch.newBuilder();
                int bytes = 0;
                PendingSend next;
                while (bytes < MAX_FRAME_BYTES && (next = queued.poll()) != null) {
                    awaiting.put(next.send().getSendId(), next);
                    batch.addSends(next.send());
                    bytes += next.send().getSerializedSize();
                }
                if (batch.getSendsCount() > 0) {
                    write.accept(LinkRequest.newBuilder().setSends(batch).build());
                }
            } finally {
                writing.set(false);
            }
        }
        if (ended != null) {
            failAll(); // written on a stream that ended meanwhile: no answer will come
        }
    }

    private void failAll() {
        Status status = ended;
        if (status == null) {
            return;
        }
        PendingSend next;
        while ((next = queued.poll()) != null) {
            next.result().completeExceptionally(status.asRuntimeException());
        }
        for (Long id : awaiting.keySet()) {
            PendingSend pending = awaiting.remove(id);
            if (pending != null) {
                pending.result().completeExceptionally(status.asRuntimeException());
            }
        }
    }
}
