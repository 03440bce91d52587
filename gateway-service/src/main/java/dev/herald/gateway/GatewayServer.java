package dev.herald.gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.JwtVerifier;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.gateway.auth.TokenAuthenticator;
import dev.herald.gateway.backend.ApiBindings;
import dev.herald.gateway.backend.ApiCalls;
import dev.herald.gateway.backend.CallBudget;
import dev.herald.gateway.backend.MessageBackend;
import dev.herald.gateway.link.GatewayLinks;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.session.Sessions;
import dev.herald.gateway.session.SocketLimits;
import dev.herald.gateway.transport.WebSocketFrontend;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the WebSocket frontend, the links to every message-service instance and the timers they
 * share. The whole object graph is wired in {@link #start}; {@link #close} takes it down in order.
 */
public final class GatewayServer implements AutoCloseable {

    /** Distinct tokens whose verification is remembered. */
    private static final int TOKEN_CACHE_SIZE = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(GatewayServer.class);

    private final String gatewayId;
    private final WebSocketFrontend frontend;
    private final GatewayLinks links;
    private final ScheduledExecutorService timers;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean closed;

    private GatewayServer(String gatewayId, WebSocketFrontend frontend, GatewayLinks links,
            ScheduledExecutorService timers) {
        this.gatewayId = gatewayId;
        this.frontend = frontend;
        this.links = links;
        this.timers = timers;
    }

    /** Wires and starts a gateway; {@code config.port()} 0 picks a free port (see {@link #port()}). */
    public static GatewayServer start(GatewayConfig config) throws IOException, DeploymentException {
        requireNonNull(config, "config");
        String gatewayId = "gw-" + UUID.randomUUID().toString().substring(0, 13);
        logger.atDebug().addKeyValue("gatewayId", gatewayId).addKeyValue("config", config.toString())
                .log("gateway starting");
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("herald-gateway-timers").daemon().factory());
        ApiBindings bindings = ApiBindings.inboxAndOutbox();
        EventCodec codec = new EventCodec(new ObjectMapper(), bindings.events());
        TokenAuthenticator tokens = new TokenAuthenticator(
                new VerifiedTokenCache(new JwtVerifier(config.auth()), TOKEN_CACHE_SIZE, clock));
        GatewayLinks links = new GatewayLinks(gatewayId, config.messageServiceTargets(), config.gatewaySecret(),
                config.presenceAckTimeout(), timers);
        MessageBackend backend = new MessageBackend(links, config.backendDeadline(),
                new CallBudget(config.maxCallsInFlight()));
        SocketLimits limits = new SocketLimits(config.authTimeout(), config.maxFrameBytes(),
                config.outboundQueueLimit(), config.socketMaxInFlight(), config.maxSocketsPerUser());
        Sessions sessions = new Sessions(gatewayId, limits, codec, tokens, backend, new ApiCalls(bindings, backend),
                links::presenceChanged, timers, clock);
        WebSocketFrontend frontend = new WebSocketFrontend(sessions, limits, codec);
        links.start(sessions.deliveries());
        try {
            frontend.start(config.port());
        } catch (IOException | DeploymentException | RuntimeException e) {
            links.close();
            timers.shutdownNow();
            throw e;
        }
        logger.atInfo().addKeyValue("gatewayId", gatewayId)
                .log("gateway listening on port {} (WebSocket path {}), linked to {}",
                        frontend.port(), WebSocketFrontend.PATH, config.messageServiceTargets());
        return new GatewayServer(gatewayId, frontend, links, timers);
    }

    /** The bound WebSocket port. */
    public int port() {
        return frontend.port();
    }

    /** This process's id on the gateway links; session ids start with it. */
    public String gatewayId() {
        return gatewayId;
    }

    /** How many message-service links are established right now. */
    public int linksUp() {
        return links.linksUp();
    }

    /** Blocks until {@link #close()} has finished. */
    public void blockUntilShutdown() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops accepting sockets and closes the open ones with 1001, then ends the links (the instances drop this
     * gateway's presence) and shuts their channels down, then stops the timers.
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
            frontend.close();
            links.close();
            timers.shutdownNow();
            logger.atInfo().addKeyValue("gatewayId", gatewayId).log("gateway stopped");
        } finally {
            terminated.countDown();
        }
    }
}
