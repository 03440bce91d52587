package dev.herald.gateway.socket;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * The TCP connections a listener accepted and that are still open, so that a shutdown can wait for the closing
 * handshakes: Tyrus writes a close frame asynchronously, and stopping the listener at once dropped some sockets
 * before their 1001 was written (the client saw 1006). A peer answers the close frame and the connection closes.
 * A filter right behind the transport's sees every accept and close.
 */
final class OpenTcpConnections extends BaseFilter {

    private final Set<Connection<?>> open = ConcurrentHashMap.newKeySet();

    /** Counts the connections the listener accepts from now on. */
    static OpenTcpConnections install(NetworkListener listener) {
        FilterChain chain = listener.getFilterChain();
        int transport = chain.indexOfType(TransportFilter.class);
        if (transport < 0) {
            throw new IllegalStateException("no transport filter in the Tyrus filter chain " + chain);
        }
        OpenTcpConnections filter = new OpenTcpConnections();
        chain.add(transport + 1, filter);
        return filter;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        open.add(ctx.getConnection());
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        open.remove(ctx.getConnection());
        return ctx.getInvokeAction();
    }

    int count() {
        return open.size();
    }

    /** Waits until every accepted connection has closed, or the grace period is over; true if all closed. */
    boolean awaitAllClosed(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
