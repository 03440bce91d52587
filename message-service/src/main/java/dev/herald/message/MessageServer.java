package dev.herald.message;

import com.google.common.base.Ticker;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.herald.auth.JwtVerifier;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.config.LoopbackHost;
import dev.herald.config.ReplyBound;
import dev.herald.message.admin.Admin;
import dev.herald.message.admin.DeadLetters;
import dev.herald.message.api.AdminApi;
import dev.herald.message.api.InboxApi;
import dev.herald.message.api.MessageApi;
import dev.herald.message.api.OutboxApi;
import dev.herald.message.api.RoomApi;
import dev.herald.message.auth.AdminOnlyInterceptor;
import dev.herald.message.auth.BearerAuthInterceptor;
import dev.herald.message.auth.GatewayCertificateInterceptor;
import dev.herald.message.auth.GatewaySecretInterceptor;
import dev.herald.message.directory.UserDirectory;
import dev.herald.message.directory.UserRegistration;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.idempotency.ClientIdRegistry;
import dev.herald.message.idempotency.FirstClaims;
import dev.herald.message.inbox.Inbox;
import dev.herald.message.limits.CallerLimitInterceptor;
import dev.herald.message.ops.GrpcHealthReporter;
import dev.herald.message.ops.GrpcMetricsInterceptor;
import dev.herald.message.ops.MessageServiceReadiness;
import dev.herald.message.outbox.Outbox;
import dev.herald.message.presence.Audiences;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.presence.GatewayLinkEndpoint;
import dev.herald.message.presence.LinkMeters;
import dev.herald.message.presence.PresenceAnnouncer;
import dev.herald.message.presence.PresenceLookup;
import dev.herald.message.presence.PresenceNotices;
import dev.herald.message.presence.PresenceProofs;
import dev.herald.message.presence.PresenceTable;
import dev.herald.message.presence.RecentLastSeen;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.room.RoomAdmin;
import dev.herald.message.room.RoomHistory;
import dev.herald.message.room.RoomMembers;
import dev.herald.message.room.RoomNotices;
import dev.herald.message.room.Rooms;
import dev.herald.message.send.Announcer;
import dev.herald.message.send.MessageIds;
import dev.herald.message.send.MessageSender;
import dev.herald.message.send.SendLimits;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.PublishMeters;
import dev.herald.message.stream.StoredWaitMeters;
import dev.herald.message.stream.Watermark;
import dev.herald.message.trace.TraceInterceptor;
import dev.herald.message.typing.TypingRelay;
import dev.herald.observability.OpsHttpServer;
import dev.herald.observability.ServiceMeters;
import dev.herald.schema.Database;
import dev.herald.schema.SchemaPrivileges;
import dev.herald.stream.EventStream;
import dev.herald.stream.NatsConnectionCheck;
import dev.herald.stream.StreamSettings;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running message-service: the whole object graph, wired by hand, behind one gRPC server.
 * Tests start it in-process on an ephemeral port; {@link Main} starts it from the environment.
 */
public final class MessageServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MessageServer.class);
    private static final int KNOWN_USER_CACHE = 1_000_000;
    private static final int TOKEN_CACHE = 100_000;
    private static final int PRESENCE_USERS = 1_000_000;
    /** Long enough for a sign-in storm's audiences to be read once, short enough for a new contact to count soon. */
    private static final Duration AUDIENCE_TTL = Duration.ofSeconds(30);
    /** Well past the time the persistence-worker takes to store a last-seen time. */
    private static final Duration LAST_SEEN_MEMORY = Duration.ofMinutes(10);
    private static final int PRESENCE_NOTICE_QUEUE = 100_000;
    private static final String SERVICE = "message-service";
    /** How often the gRPC health service is brought in line with readiness. */
    private static final Duration HEALTH_REPORT_EVERY = Duration.ofSeconds(2);

    private final Connection nats;
    private final Database database;
    private final PresenceTable presence;
    private final HealthStatusManager health;
    private final Server server;
    private final ExecutorService callThreads;
    private final ScheduledExecutorService presenceTimers;
    private final PresenceNotices presenceNotices;
    private final Operations ops;

    /** What operators see: the registry, readiness, the gRPC health mirror and the HTTP endpoint. */
    private record Operations(PrometheusMeterRegistry registry, MessageServiceReadiness readiness,
            GrpcHealthReporter healthReporter, OpsHttpServer http) {}

    private MessageServer(ExecutorService callThreads, ScheduledExecutorService presenceTimers,
            PresenceNotices presenceNotices, Connection nats, Database database, PresenceTable presence,
            HealthStatusManager health, Server server, Operations ops) {
        this.ops = ops;
        this.presenceTimers = presenceTimers;
        this.presenceNotices = presenceNotices;
        this.nats = nats;
        this.database = database;
        this.presence = presence;
        this.health = health;
        this.server = server;
        this.callThreads = callThreads;
    }

    public static MessageServer start(MessageServiceConfig config) throws IOException, InterruptedException {
        // As a string: a JSON log would otherwise serialize the record's fields, secrets included.
        logger.atDebug().addKeyValue("config", config.toString()).log("message-service starting");
        Clock clock = config.clock();
        StreamSettings stream = config.stream();
        PrometheusMeterRegistry registry = ServiceMeters.create(SERVICE);
        Database database = new Database(config.database(), SERVICE, new MicrometerMetricsTrackerFactory(registry));
        try {
            database.requireCurrentSchema();
            new SchemaPrivileges(database.dsl()).warnIfBeyondRowAccess(logger, config.database().user());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        Connection nats = Nats.connect(new Options.Builder()
                .server(stream.natsUrl())
                .connectionName("herald-message-service")
                .maxReconnects(-1)
                .build());
        ExecutorService callThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("grpc-call-", 0).factory());
        ScheduledExecutorService presenceTimers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("herald-presence-timers").daemon().factory());
        PresenceNotices presenceNotices = null;
        MessageServiceReadiness readiness = null;
        OpsHttpServer http = null;
        try {
            EventStream.ensure(nats, stream.stream(), stream.subjectPrefix(), stream.replicas());
            ClientIdRegistry clientIds = ClientIdRegistry.open(nats, stream.stream() + "_CLIENT_IDS",
                    config.clientIdRetention(), stream.replicas(), database.dsl());
            // Reads, deletes and recalls are reported and pushed once, whichever instance gets them first.
            FirstClaims firstClaims = FirstClaims.open(nats, stream.stream() + "_FIRST_CLAIMS",
                    config.firstClaimRetention(), stream.replicas());

            PresenceTable presence = new PresenceTable(clock);
            EventPublisher publisher = new EventPublisher(nats.jetStream(), stream.subjectPrefix(), Duration.ofSeconds(10),
                    new PublishMeters(registry));
            StoredWaitMeters storedWaits = new StoredWaitMeters(registry);
            Watermark watermark = new Watermark(nats.jetStreamManagement(), stream.stream(), stream.workerDurable(),
                    storedWaits);
            // Inbox and outbox reads depend on messages and their updates, never on the directory writes of onlines.
            Watermark messageWatermark = new Watermark(nats.jetStreamManagement(), stream.stream(),
                    stream.workerDurable(), List.of(publisher.messageSubject(), publisher.updateSubject()), storedWaits);
            UserDirectory directory = new UserDirectory(database.dsl(), presence, watermark,
                    config.storedWaitTimeout(), KNOWN_USER_CACHE);
            DeliveryRouter router = new DeliveryRouter(presence);
            QueryRunner queries = new QueryRunner(database.dsl());
            Consistency messageConsistency = new Consistency(messageWatermark, config.storedWaitTimeout());
            // Erasures and provisionings go on the update subject: the message watermark covers them.
            UserRegistration registration = new UserRegistration(publisher, directory, queries, messageConsistency,
                    clock);
            SendLimits sendLimits = new SendLimits(config.maxReceivers(), config.maxBodyBytes(),
                    config.maxTitleChars(), config.maxClientIdChars());
            MessageIds messageIds = new MessageIds();
            // Room events go on the update subject, so the message watermark covers them (read-your-writes).
            RoomAccess roomAccess = new RoomAccess(queries, messageConsistency);
            MessageSender sender = new MessageSender(sendLimits, directory, roomAccess, clientIds, publisher, router,
                    messageIds, clock);
            Announcer announcer = new Announcer(sendLimits, clientIds, publisher, router, messageIds, clock);
            Inbox inbox = new Inbox(queries, messageConsistency, publisher, router, firstClaims, config.maxBatchIds(),
                    clock);
            Outbox outbox = new Outbox(queries, messageConsistency, publisher, router, firstClaims,
                    config.maxBatchIds(), clock);
            // Admin also lists users, so it waits for every write.
            Consistency everyWrite = new Consistency(watermark, config.storedWaitTimeout());
            Admin admin = new Admin(queries, everyWrite, publisher, directory, config.maxBatchIds(), clock);
            DeadLetters deadLetters = new DeadLetters(queries, everyWrite, publisher, config.maxBatchIds());
            RoomNotices roomNotices = new RoomNotices(router);
            Rooms rooms = new Rooms(queries, roomAccess, messageConsistency, publisher, directory, roomNotices,
                    config.maxRoomMembersPerCall(), messageIds, clock);
            RoomMembers roomMembers = new RoomMembers(queries, roomAccess, publisher, directory, presence,
                    roomNotices, config.maxRoomMembersPerCall(), clock);
            RoomHistory roomHistory = new RoomHistory(queries, roomAccess, messageConsistency, publisher, clock);
            RoomAdmin roomAdmin = new RoomAdmin(queries, messageConsistency, rooms, roomMembers, publisher,
                    roomNotices, clock);
            // Presence notices and reads, typing: one audience cache, one announcer fed by the gateway links.
            Audiences audiences = new Audiences(queries, messageConsistency, clock, AUDIENCE_TTL, PRESENCE_USERS);
            RecentLastSeen lastSeen = new RecentLastSeen(LAST_SEEN_MEMORY, PRESENCE_USERS);
            presenceNotices = new PresenceNotices(audiences, router, publisher, PRESENCE_NOTICE_QUEUE);
            PresenceAnnouncer presenceAnnouncer = new PresenceAnnouncer(presence, presenceNotices, lastSeen, presenceTimers,
                    config.presenceOfflineDebounce(), clock);
            PresenceLookup presenceLookup = new PresenceLookup(presence, audiences, roomAccess, lastSeen, queries);
            TypingRelay typing = new TypingRelay(audiences, roomAccess, router, clock);
            StatusMapper statusMapper = new StatusMapper();
            ReplyBound replyBound = config.replyBound();
            VerifiedTokenCache tokens = new VerifiedTokenCache(new JwtVerifier(config.auth()), TOKEN_CACHE, clock);

            BearerAuthInterceptor bearer = new BearerAuthInterceptor(tokens);
            // Not on the gateway links: a gateway's calls carry each user's token and count against that user.
            CallerLimitInterceptor limits =
                    new CallerLimitInterceptor(config.callerLimits(), statusMapper, Ticker.systemTicker(), registry);
            HealthStatusManager health = new HealthStatusManager();
            NatsConnectionCheck natsState = new NatsConnectionCheck(nats).bindTo(registry);
            readiness = new MessageServiceReadiness(natsState, nats.jetStreamManagement(), stream.stream(), database);
            // Before the gRPC server, so that nothing can fail once it serves.
            http = OpsHttpServer.start(config.ops(), registry, readiness.readiness(), SERVICE);
            // Calls run on virtual threads: handlers may block (queries, waiting for the persistence watermark), which
            // a virtual thread does without holding a carrier, and starting one is far cheaper than gRPC's default
            // cached pool, whose hand-off (futex wake and wait per call) was about a fifth of this service's CPU.
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(config.grpcHost(), config.grpcPort()),
                            credentials(config))
                    .executor(callThreads)
                    // Server-wide interceptors run in reverse order of addition, all before each service's own.
                    // The trace first, so that every later log line of the call carries it;
                    .intercept(new TraceInterceptor())
                    // the metrics outermost: they see every call, refusals by the other interceptors included.
                    .intercept(new GrpcMetricsInterceptor(registry))
                    // Interceptors run last-first: authenticate, then the caller's limits (then the admin role).
                    .addService(ServerInterceptors.intercept(limits.guard(
                            new MessageApi(registration, inbox, sender, presenceLookup, typing,
                                    statusMapper).bindService()), bearer))
                    .addService(ServerInterceptors.intercept(
                            limits.guard(new InboxApi(inbox, statusMapper, replyBound).bindService()), bearer))
                    .addService(ServerInterceptors.intercept(
                            limits.guard(new OutboxApi(outbox, statusMapper, replyBound).bindService()), bearer))
                    .addService(ServerInterceptors.intercept(limits.guard(new RoomApi(rooms, roomMembers,
                            roomHistory, statusMapper, replyBound).bindService()), bearer))
                    .addService(ServerInterceptors.intercept(limits.guard(ServerInterceptors.intercept(
                            new AdminApi(admin, deadLetters, announcer, roomAdmin, statusMapper, replyBound),
                            new AdminOnlyInterceptor())), bearer))
                    // The secret (and under mutual TLS the certificate) lets a gateway open a link; each user on it
                    // is proven by its own token.
                    .addService(gatewayLinks(config, new GatewayLinkEndpoint(presence,
                            new PresenceProofs(tokens, clock), config.linkBufferBytes(), presenceAnnouncer,
                            new LinkMeters(registry, presence))))
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .addService(health.getHealthService())
                    // The same bound as the gateways' channels: a page's reply plus one message alone (ReplyBound).
                    .maxInboundMessageSize(replyBound.grpcMaxMessageBytes())
                    // Keepalive on the links: a gateway that died or was cut off is noticed within keepalive
                    // time + timeout, and its users are dropped (and pushed offline after the debounce). The
                    // gateways ping as often as 10 s (the least gRPC clients allow): permit half of that.
                    .keepAliveTime(config.linkKeepalive().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(config.linkKeepalive().toMillis(), TimeUnit.MILLISECONDS)
                    .permitKeepAliveTime(5, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build()
                    .start();
            GrpcHealthReporter healthReporter = GrpcHealthReporter.start(health, readiness.readiness(),
                    server.getServices().stream().map(service -> service.getServiceDescriptor().getName()).toList(),
                    HEALTH_REPORT_EVERY);
            logger.atInfo().addKeyValue("tls", tlsMode(config))
                    .log("message-service listening on {}:{}", config.grpcHost(), server.getPort());
            return new MessageServer(callThreads, presenceTimers, presenceNotices, nats, database, presence, health,
                    server, new Operations(registry, readiness, healthReporter, http));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            if (http != null) {
                http.close();
            }
            if (readiness != null) {
                readiness.close();
            }
            registry.close();
            nats.close();
            database.close();
            callThreads.shutdown();
            presenceTimers.shutdownNow();
            if (presenceNotices != null) {
                presenceNotices.close();
            }
            throw e instanceof IOException io ? io : new IOException("message-service failed to start", e);
        }
    }

    /** TLS when configured; plain text otherwise, which the configuration allows only on loopback or in dev mode. */
    private static ServerCredentials credentials(MessageServiceConfig config) {
        if (config.grpcTls().isPresent()) {
            return config.grpcTls().get().credentials();
        }
        if (!LoopbackHost.is(config.grpcHost())) {
            logger.atWarn().addKeyValue("grpcHost", config.grpcHost())
                    .log("gRPC in plain text beyond loopback (development mode): bearer tokens and the gateway "
                            + "secret cross the network in clear");
        }
        return InsecureServerCredentials.create();
    }

    /**
     * The link takes the gateway secret and, under mutual TLS, a client certificate too (interceptors run
     * last-first: the certificate is checked first).
     */
    private static ServerServiceDefinition gatewayLinks(MessageServiceConfig config, GatewayLinkEndpoint endpoint) {
        ServerServiceDefinition withSecret =
                ServerInterceptors.intercept(endpoint, new GatewaySecretInterceptor(config.gatewaySecret()));
        if (config.grpcTls().filter(GrpcServerTls::requiresGatewayCertificates).isEmpty()) {
            return withSecret;
        }
        return ServerInterceptors.intercept(withSecret, new GatewayCertificateInterceptor());
    }

    private static String tlsMode(MessageServiceConfig config) {
        return config.grpcTls().map(tls -> tls.requiresGatewayCertificates() ? "mutual" : "server").orElse("off");
    }

    /** The gRPC port (useful when started on port 0). */
    public int port() {
        return server.getPort();
    }

    /** The port of {@code /metrics} and {@code /health/*} (useful when started with {@code HERALD_OPS_PORT=0}). */
    public int opsPort() {
        return ops.http().port();
    }

    /** Stop accepting, end the gateway links, let calls in flight finish, then close NATS and the pool. */
    @Override
    public void close() throws InterruptedException {
        // Not ready from here on (503 on /health/ready, NOT_SERVING) while calls in flight finish.
        ops.readiness().shuttingDown();
        ops.healthReporter().close();
        health.enterTerminalState();
        server.shutdown();
        presence.closeAll();
        // Offlines still in their debounce are not pushed: the gateways hand their users to other instances.
        presenceTimers.shutdownNow();
        presenceNotices.close();
        if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        try {
            nats.flush(Duration.ofSeconds(5));
        } catch (Exception e) {
            logger.atWarn().addKeyValue("natsUrl", nats.getConnectedUrl()).setCause(e)
                    .log("NATS flush on shutdown failed: writes not yet acknowledged may be lost");
        }
        nats.close();
        ops.readiness().close();
        database.close();
        callThreads.shutdown();
        ops.http().close();
        ops.registry().close();
    }
}
