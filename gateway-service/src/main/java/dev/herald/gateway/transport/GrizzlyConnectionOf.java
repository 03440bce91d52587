package dev.herald.gateway.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.glassfish.grizzly.Connection;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.Writer;
import org.jspecify.annotations.Nullable;

/**
 * The Grizzly connection under a Tyrus socket: its protocol handler's writer, a {@link GrizzlyWriter}, holds it.
 * Tyrus exposes none of the three, so they are read from their fields once per socket (at open), and the handles
 * are looked up when this class loads: a Tyrus upgrade that moves them fails the first socket loudly.
 */
final class GrizzlyConnectionOf {

    private static final VarHandle PROTOCOL_HANDLER =
            field(TyrusWebSocket.class, "protocolHandler", ProtocolHandler.class);
    private static final VarHandle WRITER = field(ProtocolHandler.class, "writer", Writer.class);
    private static final VarHandle CONNECTION = field(GrizzlyWriter.class, "connection", Connection.class);

    private GrizzlyConnectionOf() {
    }

    /** The connection, or null when {@code socket} is not on a Grizzly transport. */
    static @Nullable Connection<?> socket(TyrusWebSocket socket) {
        ProtocolHandler handler = (ProtocolHandler) PROTOCOL_HANDLER.get(socket);
        Writer writer = (Writer) WRITER.get(handler);
        return writer instanceof GrizzlyWriter grizzly ? (Connection<?>) CONNECTION.get(grizzly) : null;
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Tyrus version keeps " + owner.getSimpleName() + "." + name
                    + " elsewhere", e);
        }
    }
}
