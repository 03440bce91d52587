package dev.herald.gateway.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * The Grizzly listener behind a started Tyrus server. Tyrus does not expose it; it is read from the container's
 * {@code listener} field, and {@link #of} fails at once if a Tyrus upgrade moves it.
 */
final class TyrusListener {

    private TyrusListener() {
    }

    static NetworkListener of(ServerContainer startedServer) {
        try {
            VarHandle listener = MethodHandles.privateLookupIn(startedServer.getClass(), MethodHandles.lookup())
                    .findVarHandle(startedServer.getClass(), "listener", NetworkListener.class);
            NetworkListener found = (NetworkListener) listener.get(startedServer);
            if (found == null) {
                throw new IllegalStateException("the Tyrus server is not started");
            }
            return found;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Tyrus version keeps its Grizzly listener elsewhere", e);
        }
    }
}
