package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.ClientFrame;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.gateway.session.CloseCode;
import dev.herald.gateway.session.Connection;
import dev.herald.gateway.session.Sessions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tyrus endpoint of one socket, and nothing more than a transport: it decodes a text frame and hands the
 * event to the {@link Sessions}, which queue the answers on the socket. A message over the size limit closes the
 * socket with 1009: Tyrus enforces the session's buffer size only on fragmented messages, so a message sent as a
 * single frame is measured here (Tyrus's incoming buffer bounds what it reads before that).
 * Public only because Tyrus calls its callbacks reflectively.
 */
public final class GatewayEndpoint extends Endpoint {

    private static final Logger logger = LoggerFactory.getLogger(GatewayEndpoint.class);
    private static final FrameException BINARY = FrameException.invalid("binary frames are not supported");

    private final Sessions sessions;
    private final EventCodec codec;
    private final int maxFrameBytes;
    private volatile @Nullable Connection connection;

    GatewayEndpoint(Sessions sessions, EventCodec codec, int maxFrameBytes) {
        this.sessions = requireNonNull(sessions, "sessions");
        this.codec = requireNonNull(codec, "codec");
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        Connection opened = sessions.open(TyrusSocket.of(session));
        connection = opened;
        session.addMessageHandler(String.class, text -> onText(opened, text));
        session.addMessageHandler(ByteBuffer.class, bytes -> onBinary(opened, bytes));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        Connection closed = connection;
        if (closed != null) {
            sessions.closed(closed, reason.getCloseCode().getCode());
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        // Transport failures (reset connections, oversized frames) end in onClose; nothing to answer here.
        logger.atDebug().addKeyValue("session", connection == null ? "-" : connection.id())
                .log("socket error: {}", failure.toString());
    }

    private void onText(Connection from, String text) {
        if (utf8Length(text) > maxFrameBytes) {
            from.close(CloseCode.FRAME_TOO_BIG, "frame too big");
            return;
        }
        final ClientFrame frame;
        final ClientEvent event;
        try {
            frame = codec.readFrame(text);
        } catch (FrameException e) {
            from.send(ServerEvent.Failure.of(e.requestId().orElse(null), e));
            return;
        }
        try {
            event = codec.readEvent(frame);
        } catch (FrameException e) {
            from.send(ServerEvent.Failure.of(frame.id(), e));
            return;
        }
        sessions.received(from, frame.id(), event);
    }

    private void onBinary(Connection from, ByteBuffer bytes) {
        if (bytes.remaining() > maxFrameBytes) {
            from.close(CloseCode.FRAME_TOO_BIG, "frame too big");
            return;
        }
        from.send(ServerEvent.Failure.of(null, BINARY));
    }

    /** UTF-8 size of {@code text}, counted without encoding it, stopping as soon as it is over the limit. */
    private long utf8Length(String text) {
        if (text.length() > maxFrameBytes) {
            return text.length(); // every char takes at least one byte
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
