package dev.herald.bench.client;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.identity.BenchUser;
import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One client socket of one user. Frames from the server go to a {@link Sink}; {@link #send} queues frames and
 * writes them one at a time, because the JDK's WebSocket refuses a send while the previous one is pending.
 */
public final class Connection implements WebSocket.Listener {

    /** Where a connection reports what happens on it; called from the HTTP client's threads. */
    public interface Sink {

        /** A whole text frame arrived. */
        void frame(Connection connection, String text);

        /** Frame {@code message} (or -1 for a non-message frame) could not be written. */
        void sendFailed(Connection connection, long message);

        /** The socket closed or failed while the generator was not closing it. */
        void closed(Connection connection);
    }

    private record Outgoing(String text, long message) {}

    private final int index;
    private final BenchUser user;
    private final Sink sink;
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final CompletableFuture<Void> online = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile @Nullable WebSocket socket;
    private volatile boolean closing;

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
        final WebSocket ws = socket;
        return online.isDone() && !online.isCompletedExceptionally() && ws != null && !ws.isInputClosed()
               && !ws.isOutputClosed();
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
        drain();
    }

    /** The socket, once the opening handshake completed (in case {@link #onOpen} has not run yet). */
    void attach(WebSocket webSocket) {
        if (socket == null) {
            socket = webSocket;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.isEmpty()) {
            sink.frame(this, data.toString());
        } else {
            partial.append(data);
            final String text = partial.toString();
            partial.setLength(0);
            sink.frame(this, text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended("closed by the server with " + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended("socket error: " + error);
    }

    /** Starts a normal close; the future completes when the close frame is written. */
    CompletableFuture<?> close() {
        closing = true;
        final WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null);
    }

    /** Drops the socket at once. */
    void abort() {
        closing = true;
        final WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private void ended(String reason) {
        final boolean wasOnline = isOnlineIgnoringSocket();
        failOnline(reason);
        if (wasOnline && !closing) {
            sink.closed(this);
        }
    }

    private boolean isOnlineIgnoringSocket() {
        return online.isDone() && !online.isCompletedExceptionally();
    }

    /** Writes queued frames one after another; at most one thread writes at a time. */
    private void drain() {
        while (!outbox.isEmpty() && writing.compareAndSet(false, true)) {
            final Outgoing next = outbox.poll();
            final WebSocket ws = socket;
            if (next == null) {
                writing.set(false);
                continue;
            }
            if (ws == null || ws.isOutputClosed()) {
                writing.set(false);
                sink.sendFailed(this, next.message());
                continue;
            }
            final CompletableFuture<WebSocket> write = ws.sendText(next.text(), true);
            if (!write.isDone()) {
                write.whenComplete((w, error) -> written(next, error, true));
                return;
            }
            written(next, write.isCompletedExceptionally() ? new IllegalStateException("send failed") : null, false);
        }
    }

    private void written(Outgoing frame, @Nullable Throwable error, boolean continueDraining) {
        writing.set(false);
        if (error != null) {
            sink.sendFailed(this, frame.message());
        }
        if (continueDraining) {
            drain();
        }
    }

    @Override
    public String toString() {
        return "Connection{" + index + ", " + user.id() + '}';
    }
}
