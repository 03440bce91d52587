package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.admission.AdmissionConfig;
import dev.herald.gateway.admission.DescriptorReserve;
import dev.herald.gateway.admission.FileDescriptors;
import dev.herald.gateway.admission.IdleSweeper;
import dev.herald.gateway.admission.PreauthLimiter;
import dev.herald.gateway.metrics.BudgetRefusals;
import dev.herald.gateway.metrics.GatewayMeters;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.session.Sessions;
import dev.herald.gateway.session.SocketLimits;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.Server;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of the gateway: a Tyrus server with the endpoint at {@value #PATH} and the browser client
 * at {@code /}. Each socket gets its own {@link GatewayEndpoint}, built here with its dependencies; there is no
 * static state. Everything the gateway does with a socket once it is open is the {@link Sessions}'. Before that,
 * the guards of {@link AdmissionConfig} apply to every TCP connection ({@link PeerSockets}, {@link ForwardedForGate},
 * one {@link IdleSweeper} for all).
 */
public final class WebSocketFrontend implements AutoCloseable {

    public static final String PATH = "/ws";

    private static final Logger logger = LoggerFactory.getLogger(WebSocketFrontend.class);

    /** How long a shutdown waits for clients to answer the 1001 close frames before it drops the connections. */
    private static final Duration CLOSE_HANDSHAKE_GRACE = Duration.ofSeconds(2);

    private final Sessions sessions;
    private final ServerEndpointConfig endpoint;
    private final int maxFrameBytes;
    private final int incomingBufferSize;
    private final Duration authTimeout;
    private final AdmissionConfig admission;
    private final FileDescriptors files;
    private final ScheduledExecutorService timers;
    private final Optional<SSLContext> tls;
    private final BudgetRefusals refusals;
    private final Optional<URI> devTokenUrl;

    private @Nullable ServerContainer container;
    private @Nullable OpenTcpConnections tcpConnections;
    private @Nullable StaticClient client;
    private @Nullable ScheduledFuture<?> sweeps;
    private int port = -1;

    /**
     * @param files  the process's open-file limit and count ({@link FileDescriptors#ofThisProcess()})
     * @param timers runs the idle sweeper
     * @param tls    the context whose certificate the port is served with over TLS, or empty for plain text
     * @param devTokenUrl the development token endpoint the browser app is told of ({@code /config.json}), if any
     * @param meters counts the frames received and the connections the guards refuse
     */
    public WebSocketFrontend(Sessions sessions, SocketLimits limits, EventCodec codec, AdmissionConfig admission,
            FileDescriptors files, ScheduledExecutorService timers, Optional<SSLContext> tls, Optional<URI> devTokenUrl,
            GatewayMeters meters) {
        this.sessions = requireNonNull(sessions, "sessions");
        this.devTokenUrl = requireNonNull(devTokenUrl, "devTokenUrl");
        this.tls = requireNonNull(tls, "tls");
        requireNonNull(meters, "meters");
        this.refusals = meters.refusals();
        requireNonNull(limits, "limits");
        requireNonNull(codec, "codec");
        this.admission = requireNonNull(admission, "admission");
        this.files = requireNonNull(files, "files");
        this.timers = requireNonNull(timers, "timers");
        this.authTimeout = limits.authTimeout();
        this.maxFrameBytes = limits.maxFrameBytes();
        // Tyrus buffers a partial frame plus the next read; UpgradedSocketReads hands it only frames within the
        // limit, in reads of at most the limit, so this never overflows (Tyrus would close with 1011).
        this.incomingBufferSize = maxFrameBytes * 2 + 1024;
        this.endpoint = ServerEndpointConfig.Builder.create(GatewayEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(
                                new GatewayEndpoint(sessions, codec, maxFrameBytes, meters.sockets(),
                                        meters.requests()));
                    }
                })
                .build();
    }

    /** Starts listening on all interfaces; port 0 or -1 picks a free port. Returns the bound port. */
    public synchronized int start(int requestedPort) throws IOException, DeploymentException {
        if (container != null) {
            throw new IllegalStateException("already started");
        }
        StaticClient extracted = StaticClient.extract(devTokenUrl);
        ServerContainer server = ServerContainerFactory.createServerContainer(Map.of(
                Server.STATIC_CONTENT_ROOT, extracted.root().toString(),
                TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, incomingBufferSize));
        server.addEndpoint(endpoint);
        // Tyrus's Grizzly container binds 0.0.0.0 and treats port 0 as "any free port".
        try {
            server.start("/", Math.max(0, requestedPort));
        } catch (IOException e) {
            // Grizzly's BindException names no port: say which one, for the operator reading it.
            extracted.close();
            throw new IOException("cannot listen on port " + requestedPort, e);
        }
        tls.ifPresent(context -> WebSocketTls.install(server, context));
        UpgradedSocketReads.install(server, maxFrameBytes);
        NetworkListener listener = TyrusListener.of(server);
        tcpConnections = OpenTcpConnections.install(listener);
        sweeps = installGuards(listener.getFilterChain());
        client = extracted;
        container = server;
        port = ((TyrusServerContainer) server).getPort();
        return port;
    }

    /**
     * Puts the guards behind the connection counter (so it sees every accept and close, refused ones included) and
     * starts the sweeper.
     */
    private ScheduledFuture<?> installGuards(FilterChain chain) {
        PreauthLimiter limiter = new PreauthLimiter(admission.preauthPerAddress());
        PeerSockets peers = new PeerSockets(limiter, admission.trustedProxies(),
                new DescriptorReserve(files, admission.reservedFileDescriptors()), admission.preauthMaxFrameBytes(),
                maxFrameBytes, System::nanoTime);
        refusals.watch(BudgetRefusals.Budget.PREAUTH_PER_ADDRESS, limiter, PreauthLimiter::refused);
        refusals.watch(BudgetRefusals.Budget.FILE_DESCRIPTORS, peers, PeerSockets::refusedNearFileLimit);
        peers.installBehind(chain, OpenTcpConnections.class);
        if (!admission.trustedProxies().isEmpty()) {
            new ForwardedForGate(limiter, admission.trustedProxies(), peers).install(chain);
        }
        IdleSweeper sweeper = new IdleSweeper(admission.pingInterval(), admission.idleTimeout(), authTimeout,
                System::nanoTime);
        return sweeper.start(peers::open, timers);
    }

    public synchronized int port() {
        return port;
    }

    /**
     * Refuses new sockets, closes the open ones with 1001, waits (at most {@link #CLOSE_HANDSHAKE_GRACE}) for the
     * clients to answer, then stops the server.
     */
    @Override
    public synchronized void close() {
        if (sweeps != null) {
            sweeps.cancel(false);
            sweeps = null;
        }
        sessions.closeAll();
        if (tcpConnections != null) {
            awaitClosingHandshakes(tcpConnections);
            tcpConnections = null;
        }
        if (container != null) {
            container.stop();
            container = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static void awaitClosingHandshakes(OpenTcpConnections open) {
        try {
            if (!open.awaitAllClosed(CLOSE_HANDSHAKE_GRACE)) {
                logger.atInfo().addKeyValue("connections", open.count())
                        .log("connections still open {} after the close frames; dropping them", CLOSE_HANDSHAKE_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop at once, as asked
        }
    }
}
