package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.admission.PreauthLimiter;
import dev.herald.gateway.admission.TrustedProxies;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.util.Header;

/**
 * A Grizzly filter right behind the HTTP codec, in front of Tyrus's, for connections from a trusted proxy: their
 * TCP peer is the proxy, so the client is read from the upgrade request's {@code X-Forwarded-For}
 * ({@link TrustedProxies#clientAddress}) and takes a place under that address's cap on sockets not signed in. When
 * the address holds them all, the upgrade is answered {@code 429 Too Many Requests} ({@code Retry-After}) and the
 * connection closed: the proxy's connection is not the attacker's to waste. Connections from other peers were
 * counted at accept ({@link PeerSockets}) and pass untouched.
 */
final class ForwardedForGate extends BaseFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final PreauthLimiter limiter;
    private final TrustedProxies proxies;
    private final PeerSockets sockets;

    ForwardedForGate(PreauthLimiter limiter, TrustedProxies proxies, PeerSockets sockets) {
        this.limiter = requireNonNull(limiter, "limiter");
        this.proxies = requireNonNull(proxies, "proxies");
        this.sockets = requireNonNull(sockets, "sockets");
    }

    /** Puts it right behind the HTTP codec of {@code chain}. */
    void install(FilterChain chain) {
        int codec = chain.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the Tyrus filter chain " + chain);
        }
        chain.add(codec + 1, this);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent content)) {
            return ctx.getInvokeAction();
        }
        HttpHeader header = content.getHttpHeader();
        PeerSocket socket = PeerSocket.of(ctx.getConnection());
        if (!header.isRequest() || !"websocket".equalsIgnoreCase(header.getUpgrade()) || socket == null
                || socket.counted()) {
            return ctx.getInvokeAction();
        }
        List<String> forwardedFor = new ArrayList<>();
        header.getHeaders().values(FORWARDED_FOR).forEach(forwardedFor::add);
        InetAddress client = proxies.clientAddress(socket.peerAddress(), forwardedFor);
        Optional<PreauthLimiter.Slot> place = limiter.acquire(client);
        if (place.isPresent()) {
            socket.counted(place.get());
            return ctx.getInvokeAction();
        }
        sockets.warnOverCap(client);
        refuse(ctx, (HttpRequestPacket) header);
        return ctx.getStopAction();
    }

    private static void refuse(FilterChainContext ctx, HttpRequestPacket request) {
        HttpResponsePacket response = request.getResponse();
        response.setStatus(429);
        response.setReasonPhrase("Too Many Requests");
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader(Header.Connection, "close");
        response.setContentLengthLong(0);
        Connection<?> connection = ctx.getConnection();
        ctx.write(HttpContent.builder(response).last(true).build(), new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable failure) {
                connection.closeSilently();
            }
        });
    }
}
