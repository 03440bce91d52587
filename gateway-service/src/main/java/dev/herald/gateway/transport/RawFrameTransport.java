package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.session.OutboundFrame;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * Writes {@link OutboundFrame}s, already encoded, straight to a Tyrus socket with
 * {@link TyrusWebSocket#sendRawFrame}: the path Tyrus's own {@code broadcast} uses to write one encoded frame to
 * many sockets. {@code RemoteEndpoint.sendText} would UTF-8-encode and frame the text again for every socket (its
 * encoder was two thirds of the gateway's CPU when fanning a message out to 999 receivers).
 *
 * <p>Tyrus does not expose the socket behind a session, so it is read once per session from the remote
 * endpoint's field; {@link #of} fails at once if a Tyrus upgrade changes that. Raw frames bypass extensions,
 * which is safe because Tyrus negotiates only the extensions a server registers and the gateway registers none.
 * Tyrus writes the frames of one socket, raw or not, in the order they were handed to it.
 */
final class RawFrameTransport {

    private static final VarHandle WEB_SOCKET = webSocketField();

    private final TyrusWebSocket socket;

    private RawFrameTransport(TyrusWebSocket socket) {
        this.socket = socket;
    }

    /** The transport of an open Tyrus session. */
    static RawFrameTransport of(Session session) {
        requireNonNull(session, "session");
        if (!session.getNegotiatedExtensions().isEmpty()) {
            throw new IllegalStateException("raw frames would bypass the extensions "
                    + session.getNegotiatedExtensions() + " (expected: none registered)");
        }
        if (!(session.getAsyncRemote() instanceof TyrusRemoteEndpoint remote)) {
            throw new IllegalStateException("not a Tyrus session: " + session.getClass().getName());
        }
        return new RawFrameTransport((TyrusWebSocket) WEB_SOCKET.get(remote));
    }

    /** The Tyrus socket it writes to. */
    TyrusWebSocket socket() {
        return socket;
    }

    /** Hands {@code frame} to Tyrus and runs {@code onWritten} when Grizzly has written it or failed to. */
    void send(OutboundFrame frame, Runnable onWritten) {
        Future<Frame> write = socket.sendRawFrame(frame.bytes());
        // Tyrus completes this future (a CompletableFuture) when Grizzly has written the frame or failed to.
        ((CompletionStage<?>) write).whenComplete((written, failure) -> onWritten.run());
    }

    /**
     * Hands {@code frames} to Tyrus as one raw write (their bytes one after the other, each a whole frame) and runs
     * {@code onWritten} when Grizzly has written them or failed to: one lock, one write record and one system call
     * for the lot, where each frame alone would cost its own.
     */
    void sendAll(List<OutboundFrame> frames, Runnable onWritten) {
        ByteBuffer[] views = new ByteBuffer[frames.size()];
        int total = 0;
        for (int i = 0; i < views.length; i++) {
            views[i] = frames.get(i).bytes();
            total += views[i].remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer view : views) {
            joined.put(view);
        }
        Future<Frame> write = socket.sendRawFrame(joined.flip());
        ((CompletionStage<?>) write).whenComplete((written, failure) -> onWritten.run());
    }

    private static VarHandle webSocketField() {
        try {
            return MethodHandles.privateLookupIn(TyrusRemoteEndpoint.class, MethodHandles.lookup())
                    .findVarHandle(TyrusRemoteEndpoint.class, "webSocket", TyrusWebSocket.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Tyrus version keeps a session's socket elsewhere", e);
        }
    }
}
