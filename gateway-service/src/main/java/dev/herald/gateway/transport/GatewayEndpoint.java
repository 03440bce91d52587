package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.metrics.RequestMeters;
import dev.herald.gateway.metrics.SocketMeters;
import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.ClientFrame;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.gateway.session.Connection;
import dev.herald.gateway.session.Sessions;
import dev.herald.gateway.trace.RequestTrace;
import dev.herald.observability.trace.TraceLogging;
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
 * event to the {@link Sessions}, which queue the answers on the socket. Messages over the size limit never get
 * here: {@link UpgradedSocketReads} closes their socket with 1009 from the frame header. Frames are counted as they
 * arrive; one that cannot be read is answered, and counted as a failed request, here.
 * Public only because Tyrus calls its callbacks reflectively.
 */
public final class GatewayEndpoint extends Endpoint {

    private static final Logger logger = LoggerFactory.getLogger(GatewayEndpoint.class);
    private static final FrameException BINARY = FrameException.invalid("binary frames are not supported");

    private final Sessions sessions;
    private final EventCodec codec;
    private final int maxFrameBytes;
    private final SocketMeters sockets;
    private final RequestMeters requests;
    private volatile @Nullable Connection connection;

    GatewayEndpoint(Sessions sessions, EventCodec codec, int maxFrameBytes, SocketMeters sockets,
            RequestMeters requests) {
        this.sessions = requireNonNull(sessions, "sessions");
        this.codec = requireNonNull(codec, "codec");
        this.maxFrameBytes = maxFrameBytes;
        this.sockets = requireNonNull(sockets, "sockets");
        this.requests = requireNonNull(requests, "requests");
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // Room to assemble a fragmented message, which UpgradedSocketReads has already kept within the limit.
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
        sockets.frameReceived();
        final ClientFrame frame;
        final ClientEvent event;
        try {
            frame = codec.readFrame(text);
        } catch (FrameException e) {
            requests.of(RequestMeters.UNKNOWN).failed(e.status());
            from.send(ServerEvent.Failure.of(e.requestId().orElse(null), e));
            return;
        }
        try {
            event = codec.readEvent(frame);
        } catch (FrameException e) {
            requests.of(frame.event()).failed(e.status());
            from.send(ServerEvent.Failure.of(frame.id(), e));
            return;
        }
        // Everything the request does from here, on this thread and in its calls' callbacks, logs in its trace.
        try (TraceLogging.Scope trace = RequestTrace.enter(RequestTrace.continuing(frame.traceparent()))) {
            logger.atDebug().addKeyValue("session", from.id()).addKeyValue("event", frame.event()).log("request");
            sessions.received(from, frame.id(), event);
        }
    }

    private void onBinary(Connection from, ByteBuffer bytes) {
        sockets.frameReceived();
        requests.of(RequestMeters.UNKNOWN).failed(BINARY.status());
        from.send(ServerEvent.Failure.of(null, BINARY));
    }
}
