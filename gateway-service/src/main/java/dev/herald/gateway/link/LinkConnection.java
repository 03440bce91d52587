package dev.herald.gateway.link;

import dev.herald.logging.RepeatingWarning;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.PresenceChange;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one message-service instance: a {@code GatewayLinkService.Link} stream over the instance's own
 * channel, reopened with backoff whenever it ends. Every stream starts with a hello naming the users online
 * here. Writes happen only while holding the shared links lock, which also orders them against presence
 * changes, so a stream never misses a change made after its hello.
 *
 * <p>The stream's events (deliveries, presence acks) run in order on the link's own thread, not on the channel's
 * event loop, which answers the unary calls: fanning one delivery out to a thousand sockets takes milliseconds,
 * and on the event loop it held back the acks of sends until their deadline passed.
 *
 * <p>A stream is up once the instance acknowledged its hello: only then does it route to the users online here.
 * Whatever it accepted before reached none of their sockets, so once the hello, and every presence change sent
 * before that acknowledgement arrived, is in effect, {@code resync} runs and the signed-in clients catch up with
 * {@code sync}. A presence change sent before then completes at once: that resync covers its user.
 *
 * <p>A link that had worked (established, and answered or lived {@link #STABLE}) and ends is reported to
 * {@code resync} as well, since deliveries it carried may be lost with it, and logged every time; the attempts that
 * fail while an instance stays down (one every 5 s at most) are {@linkplain RepeatingWarning rate-limited}.
 */
final class LinkConnection {

    static final Metadata.Key<String> GATEWAY_SECRET =
            Metadata.Key.of("x-herald-gateway-secret", Metadata.ASCII_STRING_MARSHALLER);
    /** A stream that lived this long counts as having worked: the next failure starts the backoff over. */
    private static final Duration STABLE = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(LinkConnection.class);

    private final String target;
    private final ManagedChannel channel;
    private final GatewayLinkServiceGrpc.GatewayLinkServiceStub stub;
    private final ExecutorService streamEvents;
    private final Object lock;
    private final Function<String, Hello> hello;
    private final Consumer<Delivery> deliveries;
    private final Runnable resync;
    private final Runnable upOrDown;
    private final Runnable lost;
    private final ScheduledExecutorService timers;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final RepeatingWarning failedAttempts = new RepeatingWarning(logger);
    private volatile @Nullable Stream current; // written under lock
    private volatile boolean closed;

    /**
     * @param hello the hello of a new stream to this target
     * @param upOrDown runs when the link came up (its hello acknowledged) or went down, without the lock held
     * @param lost runs when a stream that worked ended and is about to be reopened (a reconnect)
     */
    LinkConnection(String target, ManagedChannel channel, String gatewaySecret, Object lock,
            Function<String, Hello> hello, Consumer<Delivery> deliveries, Runnable resync, Runnable upOrDown,
            Runnable lost, ScheduledExecutorService timers) {
        this.target = target;
        this.channel = channel;
        Metadata headers = new Metadata();
        headers.put(GATEWAY_SECRET, gatewaySecret);
        this.streamEvents = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("herald-link-" + target).daemon().factory());
        this.stub = GatewayLinkServiceGrpc.newStub(channel)
                .withExecutor(streamEvents)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        this.lock = lock;
        this.hello = hello;
        this.deliveries = deliveries;
        this.resync = resync;
        this.upOrDown = upOrDown;
        this.lost = lost;
        this.timers = timers;
    }

    String target() {
        return target;
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Whether the instance acknowledged the current stream's hello (the stream may still end at any time). */
    boolean isUp() {
        Stream stream = current;
        return stream != null && stream.up;
    }

    /** Opens a stream and sends the hello, unless one is open or the link is closed. */
    void open() {
        synchronized (lock) {
            if (closed || current != null) {
                return;
            }
            Stream stream = new Stream();
            stub.link(stream);
            current = stream;
            stream.send(LinkRequest.newBuilder().setHello(hello.apply(target)).build());
        }
    }

    /**
     * Sends a presence change on the current stream; the future completes when the instance acknowledges it, when
     * the stream ends, or at once when there is no stream (its next hello carries the change) or its hello is not
     * acknowledged yet (the resync that follows covers the user). The caller holds the links lock.
     */
    CompletableFuture<Void> sendPresence(PresenceChange change) {
        Stream stream = current;
        if (stream == null) {
            return CompletableFuture.completedFuture(null);
        }
        return stream.sendPresence(change);
    }

    /** Ends the stream and starts shutting the channel down. The caller holds the links lock. */
    void close() {
        closed = true;
        Stream stream = current;
        current = null;
        if (stream != null) {
            stream.complete();
        }
        channel.shutdown();
    }

    /** Waits for the channel to terminate after {@link #close()}, then forces it. */
    void awaitTermination(Duration timeout) throws InterruptedException {
        if (!channel.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            channel.shutdownNow();
        }
        streamEvents.shutdown();
    }

    private void ended(Stream stream, Status status) {
        synchronized (lock) {
            if (current == stream) {
                current = null;
            }
        }
        stream.releaseAcks();
        if (closed) {
            return;
        }
        if (stream.wasUp) {
            tellUpOrDown();
        }
        boolean worked = stream.answered || System.nanoTime() - stream.startedNanos > STABLE.toNanos();
        if (worked) {
            backoff.reset();
        }
        if (worked && stream.established) {
            askClientsToResync();
        }
        Duration delay = backoff.next();
        if (worked) {
            lost.run();
            logger.atWarn().addKeyValue("target", target).addKeyValue("status", status.getCode())
                    .log("link lost ({}), reopening in {} ms", status.getDescription(), delay.toMillis());
        } else {
            failedAttempts.warn(event -> event.addKeyValue("target", target).addKeyValue("status", status.getCode())
                    .log("link failed ({}), retrying in {} ms", status.getDescription(), delay.toMillis()));
        }
        try {
            timers.schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The gateway is shutting down: the timers stopped before this link was closed.
            logger.atDebug().addKeyValue("target", target).log("not reopening the link: shutting down");
        }
    }

    private void tellUpOrDown() {
        try {
            upOrDown.run();
        } catch (RuntimeException e) {
            // Must not stop the link from reopening, or end it.
            logger.atError().addKeyValue("target", target).setCause(e).log("announcers not moved");
        }
    }

    private void askClientsToResync() {
        try {
            resync.run();
        } catch (RuntimeException e) {
            // A fault in telling the sockets must not stop the link from reopening, or end it.
            logger.atError().addKeyValue("target", target).setCause(e).log("resync failed");
        }
    }

    /** One attempt of the link: a single bidi stream. */
    private final class Stream implements ClientResponseObserver<LinkRequest, LinkResponse> {

        private final Map<Long, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
        private final long startedNanos = System.nanoTime();
        private @Nullable ClientCallStreamObserver<LinkRequest> requests;
        /** Whether the instance acknowledged the hello and the stream has not ended. Written under the lock. */
        private volatile boolean up;
        /** Whether {@link #up} was ever set: its end moves announcers back. */
        private volatile boolean wasUp;
        /** Whether the stream was ever ready for writes: it stays set once it ended. */
        private volatile boolean established;
        /** The sequence of the last presence change sent on this stream, 0 for none. Guarded by the lock. */
        private long lastSent;
        /** The presence change whose ack completes the catch-up after the hello ack, 0 for none. Link thread only. */
        private long resyncAfter;
        private volatile boolean answered;
        private volatile boolean done;

        @Override
        public void beforeStart(ClientCallStreamObserver<LinkRequest> requests) {
            this.requests = requests;
            requests.setOnReadyHandler(() -> established = true);
        }

        void send(LinkRequest request) {
            ClientCallStreamObserver<LinkRequest> out = requests;
            if (out == null || done) {
                return;
            }
            try {
                out.onNext(request);
            } catch (RuntimeException e) {
                // The call was cancelled between the check and the write; ended() follows.
                logger.atDebug().addKeyValue("target", target).log("link dropped a frame: {}", e.toString());
            }
        }

        CompletableFuture<Void> sendPresence(PresenceChange change) {
            lastSent = change.getSequence();
            if (!up) {
                send(LinkRequest.newBuilder().setPresence(change).build());
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.put(change.getSequence(), ack);
            send(LinkRequest.newBuilder().setPresence(change).build());
            if (done) {
                ack.complete(null);
            }
            return ack;
        }

        void complete() {
            ClientCallStreamObserver<LinkRequest> out = requests;
            if (out != null && !done) {
                done = true;
                out.onCompleted();
            }
            releaseAcks();
        }

        void releaseAcks() {
            acks.values().forEach(ack -> ack.complete(null));
            acks.clear();
        }

        @Override
        public void onNext(LinkResponse response) {
            answered = true;
            switch (response.getKindCase()) {
                case DELIVERY -> deliver(response.getDelivery());
                case HELLO_ACK -> helloAcked(response.getHelloAck().getProvenUsers());
                case PRESENCE_ACK -> presenceAcked(response.getPresenceAck().getSequence());
                case KIND_NOT_SET -> logger.atDebug().addKeyValue("target", target).log("empty frame on the link");
            }
        }

        /**
         * The instance routes to the users of the hello from now on, and to those of the changes sent before this
         * ack once it acks them (it answers in order). Clients may have synced before either: tell them again.
         */
        private void helloAcked(int provenUsers) {
            long pending;
            synchronized (lock) {
                up = !done;
                wasUp = up;
                pending = lastSent;
            }
            logger.atInfo().addKeyValue("target", target).addKeyValue("provenUsers", provenUsers).log("link up");
            tellUpOrDown();
            if (pending == 0) {
                askClientsToResync();
            } else {
                resyncAfter = pending;
            }
        }

        private void presenceAcked(long sequence) {
            CompletableFuture<Void> ack = acks.remove(sequence);
            if (ack != null) {
                ack.complete(null);
            }
            if (resyncAfter != 0 && sequence >= resyncAfter) {
                resyncAfter = 0;
                askClientsToResync();
            }
        }

        private void deliver(Delivery delivery) {
            try {
                deliveries.accept(delivery);
            } catch (RuntimeException e) {
                // A fault in the fan-out must not end the link for every other user.
                logger.atError().addKeyValue("target", target)
                        .addKeyValue("delivery", DeliveryMapper.describe(delivery)).setCause(e).log("delivery failed");
            }
        }

        @Override
        public void onError(Throwable t) {
            done = true;
            up = false;
            ended(this, Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            done = true;
            up = false;
            ended(this, Status.UNAVAILABLE.withDescription("the instance ended the link"));
        }
    }
}
