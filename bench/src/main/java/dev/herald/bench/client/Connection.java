package dev.herald.bench.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.herald.bench.identity.BenchUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One client socket of one user, read by its own virtual thread. Frames from the server go to a {@link Sink};
 * {@link #send} queues frames and returns at once (a virtual thread writes them in order), so a server that stops
 * reading shows up as latency and lag instead of stalling the sender's schedule.
 */
public final class Connection {

    /** Where a connection reports what happens on it; called from the connection's reader thread. */
    public interface Sink {

        /** A whole text frame arrived. */
        void frame(Connection connection, String text);

        /** Frame {@code message} (or -1 for a non-message frame) could not be written. */
        void sendFailed(Connection connection, long message);

        /** The socket closed or failed while the generator was not closing it. */
        void closed(Connection connection);
    }

    private static final int NORMAL_CLOSURE = 1000;

    private record Outgoing(String text, long message) {}

    private final int index;
    private final BenchUser user;
    private final Sink sink;
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final CompletableFuture<Void> online = new CompletableFuture<>();
    private volatile @Nullable ClientWebSocket socket;
    private volatile boolean closing;
    private volatile boolean readEnded;

    Connection(int index, BenchUser user, Sink sink) {
        this.index = index;
        this.user = requireNonNull(user, "user");
        this.sink = requireNonNull(sink, "sink");
    }

    /** This socket's number among the sockets of its process. */
    public int index() {
        return index;
    }

    public BenchUser user() {
        return user;
    }

    /** Open and past {@code online}. */
    public boolean isOnline() {
        final ClientWebSocket ws = socket;
        return isOnlineIgnoringSocket() && ws != null && ws.isOpen() && !readEnded;
    }

    /** The server accepted {@code online}. */
    public void markOnline() {
        online.complete(null);
    }

    /** The server refused {@code online}, or the socket failed first. */
    public void failOnline(String reason) {
        online.completeExceptionally(new IllegalStateException(reason));
    }

    CompletableFuture<Void> online() {
        return online;
    }

    /** Queues a text frame; {@code message} is reported to the sink if writing it fails (-1: not a message). */
    public void send(String text, long message) {
        outbox.add(new Outgoing(text, message));
        if (writing.compareAndSet(false, true)) {
            Thread.startVirtualThread(this::drain);
        }
    }

    /**
     * Opens the socket, sends {@code onlineFrame} and reads until the socket ends; runs on the connection's own
     * (virtual) thread.
     */
    void run(URI url, @Nullable InetAddress source, Duration handshakeTimeout, String onlineFrame) {
        final ClientWebSocket ws;
        try {
            ws = ClientWebSocket.connect(url, source, handshakeTimeout);
        } catch (IOException | RuntimeException e) {
            failOnline("cannot open: " + e.getClass().getSimpleName());
            return;
        }
        socket = ws;
        if (closing) { // aborted while connecting
            ws.close();
            failOnline("aborted while connecting");
            return;
        }
        send(onlineFrame, -1);
        try {
            byte[] text;
            while ((text = ws.readText()) != null) {
                sink.frame(this, new String(text, UTF_8));
            }
            ended("closed by the server with " + ws.serverCloseCode());
        } catch (IOException e) {
            ended("socket error: " + e);
        } finally {
            ws.close();
        }
    }

    /** Starts a normal close; the future completes when the close frame is written. */
    CompletableFuture<?> close() {
        closing = true;
        final ClientWebSocket ws = socket;
        if (ws == null || !ws.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        final CompletableFuture<Void> written = new CompletableFuture<>();
        Thread.startVirtualThread(() -> {
            try {
                ws.sendClose(NORMAL_CLOSURE, "bench done");
            } catch (IOException e) {
                // The socket is going away anyway; it is dropped after the close frames had their chance.
            }
            written.complete(null);
        });
        return written;
    }

    /** Drops the socket at once. */
    void abort() {
        closing = true;
        final ClientWebSocket ws = socket;
        if (ws != null) {
            ws.close();
        }
    }

    private void ended(String reason) {
        readEnded = true;
        final boolean wasOnline = isOnlineIgnoringSocket();
        failOnline(reason);
        if (wasOnline && !closing) {
            sink.closed(this);
        }
    }

    private boolean isOnlineIgnoringSocket() {
        return online.isDone() && !online.isCompletedExceptionally();
    }

    /** Writes queued frames in order; at most one drain runs at a time. */
    private void drain() {
        do {
            Outgoing next;
            while ((next = outbox.poll()) != null) {
                write(next);
            }
            writing.set(false);
        } while (!outbox.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(Outgoing frame) {
        final ClientWebSocket ws = socket;
        if (ws == null || !ws.isOpen()) {
            sink.sendFailed(this, frame.message());
            return;
        }
        try {
            ws.sendText(frame.text());
        } catch (IOException e) {
            sink.sendFailed(this, frame.message());
        }
    }

    @Override
    public String toString() {
        return "Connection{" + index + ", " + user.id() + '}';
    }
}
