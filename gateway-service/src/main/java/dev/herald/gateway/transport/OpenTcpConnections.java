package dev.herald.gateway.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A filter right behind the transport's sees every accept and close; a counter costs an idle socket nothing.
 */
final class OpenTcpConnections extends BaseFilter {

    private final AtomicInteger open = new AtomicInteger();

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
        open.incrementAndGet();
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        open.decrementAndGet();
        return ctx.getInvokeAction();
    }

    int count() {
        return open.get();
    }

    /** Waits until every accepted connection has closed, or the grace period is over; true if all closed. */
    boolean awaitAllClosed(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (open.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
