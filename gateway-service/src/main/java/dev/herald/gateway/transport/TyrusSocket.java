package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.session.ClientSocket;
import dev.herald.gateway.session.CloseCode;
import dev.herald.gateway.session.OutboundFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An open Tyrus session as a session sees its socket: frames written raw, closes with a reason that fits. */
final class TyrusSocket implements ClientSocket {

    private static final Logger logger = LoggerFactory.getLogger(TyrusSocket.class);
    /** A close frame carries at most 123 bytes of reason. */
    private static final int MAX_REASON_BYTES = 120;

    private final Session session;
    private final RawFrameTransport frames;
    /** Null only for a connection accepted before the guards were installed, at startup. */
    private final @Nullable PeerSocket peer;

    private TyrusSocket(Session session, RawFrameTransport frames, @Nullable PeerSocket peer) {
        this.session = session;
        this.frames = frames;
        this.peer = peer;
    }

    static TyrusSocket of(Session session) {
        RawFrameTransport frames = RawFrameTransport.of(requireNonNull(session, "session"));
        Connection<?> connection = GrizzlyConnectionOf.socket(frames.socket());
        if (connection == null) {
            throw new IllegalStateException("not a Grizzly socket: " + session.getId());
        }
        return new TyrusSocket(session, frames, PeerSocket.of(connection));
    }

    @Override
    public void write(OutboundFrame frame, Runnable onWritten) {
        frames.send(frame, onWritten);
    }

    @Override
    public void writeAll(List<OutboundFrame> batch, Runnable onWritten) {
        frames.sendAll(batch, onWritten);
    }

    @Override
    public void signedIn() {
        if (peer != null) {
            peer.signedIn();
        }
    }

    @Override
    public void close(CloseCode code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), truncate(reason)));
        } catch (IOException | IllegalStateException e) {
            // Already closing or the connection broke: either way it is gone.
            logger.atDebug().addKeyValue("socket", session.getId()).log("close failed: {}", e.toString());
        }
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        return new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8);
    }
}
