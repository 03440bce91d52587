package dev.herald.gateway.transport;

import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * Serves the gateway's port over TLS ({@code wss://}, {@code https://} for the browser client): Grizzly's SSL filter
 * right behind the transport filter, where Grizzly's own secure listener has it. Every filter after it (the
 * frame-size guard of {@link UpgradedSocketReads}, the HTTP codec, Tyrus) reads decrypted bytes, and every write,
 * raw frames included, is encrypted on its way out through it.
 *
 * <p>Tyrus's Grizzly container has no TLS setting and builds its listener inside {@code start}, so the filter is
 * added to the started listener before the gateway reports it listening. A connection accepted in between would
 * have its next read go through the filter, whose handshake fails on plain bytes: no plain-text socket outlives
 * the start.
 */
final class WebSocketTls {

    private WebSocketTls() {}

    /** Puts TLS, with {@code context}'s certificate, in front of everything a started Tyrus server reads. */
    static void install(ServerContainer startedServer, SSLContext context) {
        FilterChain chain = TyrusListener.of(startedServer).getFilterChain();
        int transport = chain.indexOfType(TransportFilter.class);
        if (transport < 0) {
            throw new IllegalStateException("no transport filter in the Tyrus filter chain " + chain);
        }
        chain.add(transport + 1, new SSLBaseFilter(new SSLEngineConfigurator(context, false, false, false)));
    }
}
