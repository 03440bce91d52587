package dev.herald.gateway.socket;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.ClientFrame;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.ServerEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tyrus endpoint of one socket, and nothing more than a transport: it decodes a text frame, hands the
 * event to the {@link EventDispatcher} and queues the encoded answers. A message over the size limit closes
 * the socket with 1009: Tyrus enforces the session's buffer size only on fragmented messages, so a message
 * sent as a single frame is measured here (Tyrus's incoming buffer bounds what it reads before that).
 * Public only because Tyrus calls its callbacks reflectively.
 */
public final class GatewayEndpoint extends Endpoint {

    private static final Logger logger = LoggerFactory.getLogger(GatewayEndpoint.class);
    private static final FrameException BINARY = FrameException.invalid("binary frames are not supported");
    /** A close frame carries at most 123 bytes of reason. */
    private static final int MAX_REASON_BYTES = 120;

    private final Connections connections;
    private final EventDispatcher dispatcher;
    private final EventCodec codec;
    private final int maxFrameBytes;
    private volatile @Nullable Connection connection;

    GatewayEndpoint(Connections connections, EventDispatcher dispatcher, EventCodec codec, int maxFrameBytes) {
        this.connections = requireNonNull(connections, "connections");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.codec = requireNonNull(codec, "codec");
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        Connection opened = connections.open(RawFrameTransport.of(session),
                (code, reason) -> close(session, code, reason));
        connection = opened;
        session.addMessageHandler(String.class, text -> onText(opened, text));
        session.addMessageHandler(ByteBuffer.class, bytes -> onBinary(opened, bytes));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        Connection closed = connection;
        if (closed != null) {
            connections.closed(closed, reason.getCloseCode().getCode());
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
        dispatcher.dispatch(from, frame.id(), event);
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

    private static void close(Session session, CloseCode code, String reason) {
        try {
            session.close(code.reason(truncate(reason)));
        } catch (IOException | IllegalStateException e) {
            // Already closing or the connection broke: either way it is gone.
            logger.debug("close of {} failed: {}", session.getId(), e.toString());
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
