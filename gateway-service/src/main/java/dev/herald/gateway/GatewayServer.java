package dev.herald.gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.JwtVerifier;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.config.TlsIdentity;
import dev.herald.gateway.admission.FileDescriptors;
import dev.herald.gateway.auth.TokenAuthenticator;
import dev.herald.gateway.backend.ApiBindings;
import dev.herald.gateway.backend.ApiCalls;
import dev.herald.gateway.backend.CallBudget;
import dev.herald.gateway.backend.MessageBackend;
import dev.herald.gateway.link.GatewayLinks;
import dev.herald.gateway.link.GrpcClientTls;
import dev.herald.gateway.link.LinkRosterState;
import dev.herald.gateway.metrics.CallLimitMeters;
import dev.herald.gateway.metrics.GatewayMeters;
import dev.herald.gateway.metrics.LinkMeters;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.session.PresenceListener;
import dev.herald.gateway.session.Sessions;
import dev.herald.gateway.session.SocketLimits;
import dev.herald.gateway.transport.WebSocketFrontend;
import dev.herald.observability.OpsHttpServer;
import dev.herald.observability.Readiness;
import dev.herald.observability.ReadinessCheck;
import dev.herald.observability.ServiceMeters;
import io.grpc.InsecureChannelCredentials;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the WebSocket frontend, the links to every message-service instance and the timers they
 * share, and its operations endpoint ({@code /metrics}, {@code /health/live}, {@code /health/ready}). The whole
 * object graph is wired in {@link #start}; {@link #close} takes it down in order.
 */
public final class GatewayServer implements AutoCloseable {

    /** Distinct tokens whose verification is remembered. */
    private static final int TOKEN_CACHE_SIZE = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(GatewayServer.class);

    private final String gatewayId;
    private final WebSocketFrontend frontend;
    private final GatewayLinks links;
    private final ExecutorService replies;
    private final ScheduledExecutorService timers;
    private final PrometheusMeterRegistry registry;
    private final OpsHttpServer ops;
    private final AtomicBoolean accepting;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean closed;

    private GatewayServer(String gatewayId, WebSocketFrontend frontend, GatewayLinks links, ExecutorService replies,
            ScheduledExecutorService timers, PrometheusMeterRegistry registry, OpsHttpServer ops,
            AtomicBoolean accepting) {
        this.gatewayId = gatewayId;
        this.frontend = frontend;
        this.links = links;
        this.replies = replies;
        this.timers = timers;
        this.registry = registry;
        this.ops = ops;
        this.accepting = accepting;
    }

    /** Wires and starts a gateway; {@code config.port()} 0 picks a free port (see {@link #port()}). */
    public static GatewayServer start(GatewayConfig config) throws IOException, DeploymentException {
        return start(config, FileDescriptors.ofThisProcess());
    }

    /** The same, with the open-file limit and count read from {@code files}. */
    public static GatewayServer start(GatewayConfig config, FileDescriptors files)
            throws IOException, DeploymentException {
        requireNonNull(config, "config");
        requireNonNull(files, "files");
        String gatewayId = "gw-" + UUID.randomUUID().toString().substring(0, 13);
        logger.atDebug().addKeyValue("gatewayId", gatewayId).addKeyValue("config", config.toString())
                .log("gateway starting");
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("herald-gateway-timers").daemon().factory());
        ApiBindings bindings = ApiBindings.all();
        PrometheusMeterRegistry registry = ServiceMeters.create("gateway");
        GatewayMeters meters = GatewayMeters.register(registry, bindings.events(), clock);
        EventCodec codec = new EventCodec(new ObjectMapper(), bindings.events());
        TokenAuthenticator tokens = new TokenAuthenticator(
                new VerifiedTokenCache(new JwtVerifier(config.auth()), TOKEN_CACHE_SIZE, clock));
        GatewayLinks links = new GatewayLinks(gatewayId, config.messageServiceTargets(),
                config.grpcTls().map(GrpcClientTls::credentials).orElseGet(InsecureChannelCredentials::create),
                config.gatewaySecret(), config.presenceAckTimeout(), config.replyBound(), config.linkKeepalive(),
                config.resolveInterval(), timers);
        CallBudget calls = config.adaptiveCallLimit()
                .map(rule -> CallBudget.adaptive(rule, System::nanoTime))
                .orElseGet(() -> new CallBudget(config.maxCallsInFlight()));
        CallLimitMeters.bind(registry, calls);
        MessageBackend backend = new MessageBackend(links, config.backendDeadline(), calls, meters.refusals());
        SocketLimits limits = new SocketLimits(config.authTimeout(), config.maxFrameBytes(),
                config.outboundQueueLimit(), config.outboundQueueBytes(), config.socketMaxInFlight(),
                config.maxSocketsPerUser());
        ExecutorService replies = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("herald-gateway-reply-", 0).factory());
        Sessions sessions = new Sessions(gatewayId, limits, codec, tokens, backend,
                new ApiCalls(bindings, backend, replies),
                new LinkedPresence(links), timers, clock, meters);
        WebSocketFrontend frontend = new WebSocketFrontend(sessions, limits, codec, config.admission(), files, timers,
                config.socketTls().map(TlsIdentity::serverContext), config.devTokenUrl(), meters);
        AtomicBoolean accepting = new AtomicBoolean();
        LinkMeters.bind(registry, links);
        Readiness readiness = new Readiness()
                .add("links", new LinkedInstancesCheck(links::state))
                .add("websocket", () -> accepting.get() ? ReadinessCheck.Status.ready("accepting sockets")
                        : ReadinessCheck.Status.notReady("not accepting sockets (starting or shutting down)"));
        final OpsHttpServer ops;
        try {
            ops = OpsHttpServer.start(config.ops(), registry, readiness, "gateway");
        } catch (RuntimeException e) {
            links.close();
            replies.shutdownNow();
            timers.shutdownNow();
            registry.close();
            throw e;
        }
        links.start(sessions.deliveries());
        try {
            frontend.start(config.port());
        } catch (IOException | DeploymentException | RuntimeException e) {
            links.close();
            ops.close();
            registry.close();
            replies.shutdownNow();
            timers.shutdownNow();
            throw e;
        }
        accepting.set(true);
        logger.atInfo().addKeyValue("gatewayId", gatewayId)
                .addKeyValue("socketTls", config.socketTls().isPresent())
                .addKeyValue("grpcTls", config.grpcTls().map(tls -> tls.presentsCertificate() ? "mutual" : "server")
                        .orElse("off"))
                .log("gateway listening on port {} (WebSocket path {}), linked to {}; operations on port {}",
                        frontend.port(), WebSocketFrontend.PATH, config.messageServiceTargets(), ops.port());
        return new GatewayServer(gatewayId, frontend, links, replies, timers, registry, ops, accepting);
    }

    /** The bound WebSocket port. */
    public int port() {
        return frontend.port();
    }

    /** The bound port of {@code /metrics}, {@code /health/live} and {@code /health/ready}. */
    public int opsPort() {
        return ops.port();
    }

    /** This process's id on the gateway links; session ids start with it. */
    public String gatewayId() {
        return gatewayId;
    }

    /** How many message-service links are established right now. */
    public int linksUp() {
        return links.linksUp();
    }

    /** The resolved message-service instances and which are linked: what the gateway's readiness reports. */
    public LinkRosterState links() {
        return links.state();
    }

    /** Blocks until {@link #close()} has finished. */
    public void blockUntilShutdown() throws InterruptedException {
        terminated.await();
    }

    /**
     * Reports not ready, stops accepting sockets and closes the open ones with 1001, then ends the links (the
     * instances drop this gateway's presence) and shuts their channels down, then stops the timers and, last, the
     * operations endpoint, so the drain can be watched to its end.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            accepting.set(false);
            frontend.close();
            links.close();
            replies.shutdownNow();
            timers.shutdownNow();
            ops.close();
            registry.close();
            logger.atInfo().addKeyValue("gatewayId", gatewayId).log("gateway stopped");
        } finally {
            terminated.countDown();
        }
    }

    /** What the sessions report, announced on the links; the link package stays free of the session package. */
    private record LinkedPresence(GatewayLinks links) implements PresenceListener {

        @Override
        public CompletableFuture<Void> online(String userId, String token, Instant expiresAt) {
            return links.online(userId, token, expiresAt);
        }

        @Override
        public void offline(String userId) {
            links.offline(userId);
        }
    }
}
