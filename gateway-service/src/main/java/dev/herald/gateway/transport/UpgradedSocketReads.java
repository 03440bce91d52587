package dev.herald.gateway.transport;

import dev.herald.gateway.session.CloseCode;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.ServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Grizzly filter, placed in front of the HTTP codec, that hands an upgraded socket's bytes straight to Tyrus and
 * lets go of the HTTP upgrade request.
 *
 * <p>Without it every WebSocket frame passes through Grizzly's HTTP codec as "content" of the upgrade request, so
 * the codec keeps that request (its header chunks, parsing state and response: about 7 KB) for as long as the
 * socket is open, which was a third of an idle socket's heap. Once Tyrus has upgraded a connection this filter
 * reads it the way Tyrus's own {@code GrizzlyServerFilter} does after the codec (the connection's Tyrus read
 * handler, through its task processor, which keeps reads and closes in order) and drops the request; HTTP
 * requests, the upgrade itself and close events still go through the whole chain.
 *
 * <p>Every byte passes a {@link FrameSizeGuard} on its way, so a message over the size limit is refused with 1009
 * from its header, before any of its payload is buffered.
 *
 * <p>Tyrus does not expose these hooks: the connection and task processor are found by the attribute names its
 * Grizzly filter registers, and the filter chain through {@link TyrusListener}. {@link #install} fails
 * at once if a Tyrus upgrade moves them.
 */
final class UpgradedSocketReads extends BaseFilter {

    private static final Logger logger = LoggerFactory.getLogger(UpgradedSocketReads.class);
    private final Attribute<Object> httpRequestInProcess =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
    private final Attribute<FrameSizeGuard> guard =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpgradedSocketReads.class.getName() + ".FrameSizeGuard");
    private final int maxMessageBytes;

    private UpgradedSocketReads(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Puts the filter in front of the HTTP codec of a started Tyrus Grizzly server, before any socket opens;
     * a message over {@code maxMessageBytes} closes its socket with 1009.
     */
    static void install(ServerContainer startedServer, int maxMessageBytes) {
        FilterChain chain = TyrusListener.of(startedServer).getFilterChain();
        int codec = chain.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the Tyrus filter chain " + chain);
        }
        chain.add(codec, new UpgradedSocketReads(maxMessageBytes));
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        org.glassfish.tyrus.spi.Connection upgraded = TyrusAttributes.upgraded(connection);
        TaskProcessor tasks = TyrusAttributes.tasks(connection);
        if (upgraded == null || tasks == null) {
            return ctx.getInvokeAction(); // HTTP, or the upgrade request itself
        }
        httpRequestInProcess.remove(connection);
        FrameSizeGuard.Sink toTyrus = new TyrusSink(upgraded, tasks);
        FrameSizeGuard frames = guardOf(connection);
        Buffer buffer = ctx.getMessage();
        if (!buffer.isComposite()) {
            frames.read(buffer.toByteBuffer(), toTyrus);
        } else {
            ByteBufferArray parts = buffer.toByteBufferArray();
            ByteBuffer[] array = parts.getArray();
            for (int i = 0; i < parts.size(); i++) {
                frames.read(array[i], toTyrus);
            }
            parts.recycle();
        }
        return ctx.getStopAction();
    }

    private FrameSizeGuard guardOf(Connection<?> connection) {
        FrameSizeGuard frames = guard.get(connection);
        if (frames == null) {
            // The limit of its PeerSocket: small until the socket signs in.
            PeerSocket peer = PeerSocket.of(connection);
            frames = peer == null ? new FrameSizeGuard(maxMessageBytes) : new FrameSizeGuard(peer::frameLimit);
            guard.set(connection, frames);
        }
        return frames;
    }

    /** Hands a socket's bytes, and its refusal, to Tyrus as tasks of its processor, which keeps them in order. */
    private record TyrusSink(org.glassfish.tyrus.spi.Connection upgraded, TaskProcessor tasks)
            implements FrameSizeGuard.Sink {

        @Override
        public void forward(ByteBuffer bytes) {
            tasks.processTask(new Read(upgraded.getReadHandler(), bytes));
        }

        @Override
        public void refuse(int limit) {
            tasks.processTask(new Refuse(upgraded, limit));
        }
    }

    /** Bytes of one read, handed to Tyrus's frame parser in arrival order. */
    private static final class Read extends TaskProcessor.Task {

        private final ReadHandler reader;
        private final ByteBuffer bytes;

        Read(ReadHandler reader, ByteBuffer bytes) {
            this.reader = reader;
            this.bytes = bytes;
        }

        @Override
        public void execute() {
            reader.handle(bytes);
        }
    }

    /** Closes a socket whose client sent a message over the limit; its endpoint sees the close as 1009 too. */
    private static final class Refuse extends TaskProcessor.Task {

        private final org.glassfish.tyrus.spi.Connection upgraded;
        private final int maxMessageBytes;

        Refuse(org.glassfish.tyrus.spi.Connection upgraded, int maxMessageBytes) {
            this.upgraded = upgraded;
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void execute() {
            logger.debug("message over {} bytes: closing with 1009", maxMessageBytes);
            upgraded.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCode.FRAME_TOO_BIG.code()),
                    "message over " + maxMessageBytes + " bytes"));
        }
    }
}
