package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.admission.DescriptorReserve;
import dev.herald.gateway.admission.PreauthLimiter;
import dev.herald.gateway.admission.TrustedProxies;
import dev.herald.logging.RepeatingWarning;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Grizzly filter right behind the transport's that guards every TCP connection from accept to close, before any
 * HTTP is parsed:
 * <ul>
 *   <li>near the open-file limit ({@link DescriptorReserve}) a new connection is closed at once, so the open ones
 *       keep being served;</li>
 *   <li>a connection from a peer that is not a trusted proxy takes a place under its address's cap on sockets not
 *       signed in ({@link PreauthLimiter}), or is closed at once when the address holds them all (a connection
 *       from a trusted proxy is counted under its client once the request names it: {@link ForwardedForGate});</li>
 *   <li>every read marks its {@link PeerSocket} active, for the idle sweeper.</li>
 * </ul>
 * Refusing at accept costs no more than the accept: no HTTP parsing, no buffer, no timer, and the descriptor is free
 * again at once.
 */
final class PeerSockets extends BaseFilter {

    private static final Logger logger = LoggerFactory.getLogger(PeerSockets.class);

    private final PreauthLimiter limiter;
    private final TrustedProxies proxies;
    private final DescriptorReserve reserve;
    private final int preauthFrameLimit;
    private final int frameLimit;
    private final LongSupplier nanoTime;
    private final Set<PeerSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final LongAdder refusedNearFileLimit = new LongAdder();
    private final RepeatingWarning overCap = new RepeatingWarning(logger);
    private final RepeatingWarning nearFileLimit = new RepeatingWarning(logger);

    PeerSockets(PreauthLimiter limiter, TrustedProxies proxies, DescriptorReserve reserve, int preauthFrameLimit,
            int frameLimit, LongSupplier nanoTime) {
        this.limiter = requireNonNull(limiter, "limiter");
        this.proxies = requireNonNull(proxies, "proxies");
        this.reserve = requireNonNull(reserve, "reserve");
        this.preauthFrameLimit = preauthFrameLimit;
        this.frameLimit = frameLimit;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    }

    /** Puts it right behind {@code behind} (a filter of {@code chain}), before any connection is accepted. */
    void installBehind(FilterChain chain, Class<? extends Filter> behind) {
        int index = chain.indexOfType(behind);
        if (index < 0) {
            throw new IllegalStateException("no " + behind.getSimpleName() + " in the Tyrus filter chain " + chain);
        }
        chain.add(index + 1, this);
    }

    /** Every connection open now, for the idle sweeper. */
    Iterable<PeerSocket> open() {
        return open;
    }

    /** Connections refused near the open-file limit since the start. */
    long refusedNearFileLimit() {
        return refusedNearFileLimit.sum();
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        if (!reserve.admits(count.get())) {
            refusedNearFileLimit.increment();
            nearFileLimit.warn(warning -> warning.addKeyValue("openFiles", reserve.estimatedOpen(count.get()))
                    .addKeyValue("maxFiles", reserve.max()).addKeyValue("refusedSoFar", refusedNearFileLimit.sum())
                    .log("near the open-file limit: refusing new connections, serving the open ones"
                            + " (raise ulimit -n, or add gateways)"));
            connection.closeSilently();
            return ctx.getStopAction();
        }
        InetAddress peer = ((InetSocketAddress) connection.getPeerAddress()).getAddress();
        PreauthLimiter.Slot slot = null;
        if (!proxies.trusts(peer)) {
            Optional<PreauthLimiter.Slot> place = limiter.acquire(peer);
            if (place.isEmpty()) {
                warnOverCap(peer);
                connection.closeSilently();
                return ctx.getStopAction();
            }
            slot = place.get();
        }
        PeerSocket socket = PeerSocket.attach(connection, peer, slot, preauthFrameLimit, frameLimit,
                nanoTime.getAsLong());
        open.add(socket);
        count.incrementAndGet();
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        PeerSocket socket = PeerSocket.of(ctx.getConnection());
        if (socket != null) {
            socket.read(nanoTime.getAsLong());
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        PeerSocket socket = PeerSocket.of(ctx.getConnection());
        if (socket != null && open.remove(socket)) {
            count.decrementAndGet();
            socket.closed();
        }
        return ctx.getInvokeAction();
    }

    void warnOverCap(InetAddress client) {
        overCap.warn(warning -> warning.addKeyValue("address", client.getHostAddress())
                .addKeyValue("perAddress", limiter.perAddress()).addKeyValue("refusedSoFar", limiter.refused())
                .log("refusing a connection: its address holds HERALD_PREAUTH_PER_ADDRESS sockets not signed in"));
    }
}
