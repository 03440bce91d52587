package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.protocol.FrameException;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendError;
import dev.herald.proto.v1.LinkSendResult;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinkSenderTest {

    private static final long LATER = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    private static final SendRequest HELLO = SendRequest.newBuilder().addReceivers("bob").setBody("hello").build();

    private final List<LinkRequest> frames = new CopyOnWriteArrayList<>();

    @Test
    void aSendWhileNothingIsBeingWrittenGoesOutAtOnceInAFrameOfItsOwn() {
        LinkSender sender = new LinkSender(frames::add);

        sender.send("alice", HELLO, LATER, null);

        assertThat(frames).singleElement().satisfies(frame -> assertThat(frame.getSends().getSendsList())
                .singleElement().satisfies(send -> {
                    assertThat(send.getUserId()).isEqualTo("alice");
                    assertThat(send.getRequest()).isEqualTo(HELLO);
                }));
    }

    @Test
    void theSendsQueuedWhileAFrameIsBeingWrittenGoTogetherInTheNextFrame() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        LinkSender sender = new LinkSender(frame -> {
            frames.add(frame);
            if (frames.size() == 1) {
                writing.countDown();
                await(written);
            }
        });
        Thread first = Thread.ofVirtual().start(() -> sender.send("alice", HELLO, LATER, null));
        await(writing);

        IntStream.range(0, 5).forEach(i -> sender.send("user-" + i, HELLO, LATER, null)); // queued, not written
        assertThat(frames).hasSize(1);
        written.countDown();
        first.join();

        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).getSends().getSendsList()).extracting(LinkSend::getUserId)
                .containsExactly("user-0", "user-1", "user-2", "user-3", "user-4");
    }

    @Test
    void resultsCompleteTheirSendsAndErrorsCarryTheInstancesAnswer() throws Exception {
        LinkSender sender = new LinkSender(frames::add);
        CompletableFuture<SendResponse> accepted = sender.send("alice", HELLO, LATER, null);
        CompletableFuture<SendResponse> limited = sender.send("alice", HELLO, LATER, null);
        CompletableFuture<SendResponse> invalid = sender.send("alice", HELLO, LATER, null);
        List<Long> ids = frames.stream().flatMap(f -> f.getSends().getSendsList().stream())
                .map(LinkSend::getSendId).toList();

        sender.answered(List.of(
                LinkSendResult.newBuilder().setSendId(ids.get(2)).setError(LinkSendError.newBuilder()
                        .setCode(Status.Code.INVALID_ARGUMENT.value()).setMessage("body is blank").setField("body"))
                        .build(),
                LinkSendResult.newBuilder().setSendId(ids.get(0)).setSent(SendResponse.newBuilder().setId("m-1"))
                        .build(),
                LinkSendResult.newBuilder().setSendId(ids.get(1)).setError(LinkSendError.newBuilder()
                        .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                        .setMessage("too many sends for this user: retry after 250 ms").setRetryAfterMs(250))
                        .build()));

        assertThat(accepted.get().getId()).isEqualTo("m-1");
        FrameException overRate = failure(limited, FrameException.class);
        assertThat(overRate.status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(overRate.getMessage()).isEqualTo("too many sends for this user: retry after 250 ms");
        assertThat(overRate.retryAfterMs()).hasValue(250);
        assertThat(overRate.field()).isEmpty();
        FrameException blank = failure(invalid, FrameException.class);
        assertThat(blank.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(blank.field()).hasValue("body");
        assertThat(blank.retryAfterMs()).isEmpty();
        assertThat(sender.pending()).isZero();
    }

    @Test
    void anEndedStreamFailsItsPendingSendsAndEveryLaterOneWithUnavailable() throws Exception {
        LinkSender sender = new LinkSender(frames::add);
        CompletableFuture<SendResponse> inFlight = sender.send("alice", HELLO, LATER, null);

        sender.end(Status.UNAVAILABLE.withDescription("link lost"));
        CompletableFuture<SendResponse> later = sender.send("alice", HELLO, LATER, null);

        assertThat(failure(inFlight, StatusRuntimeException.class).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failure(later, StatusRuntimeException.class).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(frames).hasSize(1);
        assertThat(sender.pending()).isZero();
    }

    @Test
    void aSendPastItsDeadlineFailsWithDeadlineExceededAndALateResultIsIgnored() throws Exception {
        LinkSender sender = new LinkSender(frames::add);
        long now = System.nanoTime();
        CompletableFuture<SendResponse> due = sender.send("alice", HELLO, now + 1_000, null);
        CompletableFuture<SendResponse> notDue = sender.send("alice", HELLO, LATER, null);

        sender.expire(now + 2_000);
        sender.answered(List.of(LinkSendResult.newBuilder()
                .setSendId(frames.getFirst().getSends().getSends(0).getSendId())
                .setSent(SendResponse.newBuilder().setId("late")).build()));

        assertThat(failure(due, StatusRuntimeException.class).getStatus().getCode())
                .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(notDue).isNotDone();
        assertThat(sender.pending()).isEqualTo(1);
    }

    private static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            return type.cast(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("completed without a failure");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("not reached within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
