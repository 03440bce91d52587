package dev.herald.it;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.herald.config.Env;
import dev.herald.config.ReplyBound;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.gateway.GatewayConfig;
import dev.herald.gateway.GatewayServer;
import dev.herald.message.MessageServer;
import dev.herald.message.MessageServiceConfig;
import dev.herald.observability.ServiceMeters;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsCluster;
import dev.herald.testing.NatsServerProcess;
import dev.herald.worker.PersistenceWorker;
import dev.herald.worker.config.WorkerConfig;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Nats;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.jspecify.annotations.Nullable;

/**
 * The whole Herald stack in this JVM, on free ports, against a real nats-server child, a real
 * PostgreSQL database and a real JWKS: each stack has its own stream, subjects and durable, so
 * test classes never share state.
 */
final class HeraldStack implements AutoCloseable {

    /** The NATS server, or on a cluster its first node. */
    final NatsServerProcess nats;
    /** The cluster the stack runs on ({@link #startOnNatsCluster}), or null on a lone server. */
    final @Nullable NatsCluster natsCluster;
    final PostgresHandle postgres;
    final JwksServer jwks;
    /** The key the stack's identity provider signs with (tests forge tokens around it). */
    final DevKeys keys;
    final DevTokenIssuer tokens;
    final DevTokenIssuer expiredTokens;
    final Map<String, String> env;
    final MessageServer messageService;
    final GatewayServer gateway;
    final ClientManager clients;
    /** {@code wss} when the gateway serves TLS itself. */
    private final String socketScheme;
    /** The CA file direct gRPC callers trust, when the message-service serves TLS. */
    private final @Nullable String gatewayCa;
    private @Nullable ManagedChannel channel;
    private @Nullable PersistenceWorker worker;

    private HeraldStack(PostgresHandle postgres, Map<String, String> overrides, boolean inProcessWorker)
            throws Exception {
        this(postgres, overrides, Map.of(), null, inProcessWorker, 1, false);
    }

    /**
     * {@code overrides} apply to every service, {@code gatewayOverrides} to the gateway only (its own
     * certificates: both services read {@code HERALD_GRPC_TLS_CERT} as their own); with {@code socketTrust} the
     * stack's WebSocket clients speak wss and trust what it trusts. With {@code devTokens} the identity provider
     * also mints tokens for the browser app at the gateway's origin, and the gateway (in development mode) tells
     * the app where ({@code HERALD_DEV_TOKEN_URL}).
     */
    private HeraldStack(PostgresHandle postgres, Map<String, String> overrides, Map<String, String> gatewayOverrides,
            @Nullable SSLContext socketTrust, boolean inProcessWorker, int natsNodes, boolean devTokens)
            throws Exception {
        this.postgres = postgres;
        this.clients = socketTrust == null ? WsClient.SHARED_CLIENT : WsClient.trusting(socketTrust);
        this.socketScheme = socketTrust == null ? "ws" : "wss";
        this.gatewayCa = gatewayOverrides.get("HERALD_GRPC_TLS_CA");
        this.natsCluster = natsNodes == 1 ? null : NatsCluster.start(natsNodes);
        this.nats = natsCluster == null ? NatsServerProcess.start() : natsCluster.nodes().getFirst();
        this.keys = DevKeys.generate();
        this.jwks = JwksServer.start(keys, "127.0.0.1", 0);
        this.tokens = new DevTokenIssuer(keys, "herald-it", "herald", Clock.systemUTC());
        this.expiredTokens = new DevTokenIssuer(keys, "herald-it", "herald",
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
        // As in production: migrated by the owner (here the superuser), the services run as a row-access role.
        ServiceRole.ensure(postgres);
        try (Database owner = new Database(new DatabaseConfig(postgres.jdbcUrl(), postgres.user(),
                postgres.password(), 1), "it-migrate")) {
            owner.migrations().apply(ServiceRole.NAME);
        }
        String stream = "IT_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("HERALD_NATS_URL", natsUrl()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream.toLowerCase()),
                Map.entry("HERALD_WORKER_DURABLE", "worker-" + stream),
                Map.entry("HERALD_WORKER_ACK_WAIT_SECONDS", "2"),
                Map.entry("HERALD_DB_URL", postgres.jdbcUrl()),
                Map.entry("HERALD_DB_USER", ServiceRole.NAME),
                Map.entry("HERALD_DB_PASSWORD", ""),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-it"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_GATEWAY_SECRET", "it-secret-" + stream),
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_GATEWAY_PORT", "0"),
                // Every service of every stack on this machine serves /metrics and /health on a free port.
                Map.entry("HERALD_OPS_PORT", "0")));
        settings.putAll(overrides);
        this.messageService = MessageServer.start(MessageServiceConfig.fromEnv(settings));
        settings.put("HERALD_MESSAGE_SERVICE_TARGETS", "127.0.0.1:" + messageService.port());
        this.env = Map.copyOf(settings);
        if (inProcessWorker) {
            startWorker();
        }
        Map<String, String> gatewaySettings = new HashMap<>(env);
        gatewaySettings.putAll(gatewayOverrides);
        if (devTokens) {
            gatewaySettings.put("HERALD_DEV_MODE", "true");
            gatewaySettings.put("HERALD_DEV_TOKEN_URL", jwks.jwksUrl().resolve("/token").toString());
        }
        this.gateway = GatewayServer.start(GatewayConfig.fromEnv(gatewaySettings));
        if (devTokens) {
            jwks.serveTokens(tokens, Set.of(appUri().toString().replaceAll("/$", "")), Duration.ofMinutes(30));
        }
    }

    /** A stack whose browser app signs users in by name, as on a local stack (deploy/local/run.sh). */
    static HeraldStack startWithDevTokens(Map<String, String> overrides) throws Exception {
        return new HeraldStack(PostgresHandle.testDatabase(), overrides, Map.of(), null, true, 1, true);
    }

    /** A stack on a fresh database of the shared test PostgreSQL, with an in-process worker. */
    static HeraldStack start(Map<String, String> overrides) throws Exception {
        return new HeraldStack(PostgresHandle.testDatabase(), overrides, true);
    }

    /**
     * A stack whose gateway and message-service talk over TLS as set in {@code messageServiceTls} and
     * {@code gatewayTls} ({@code HERALD_GRPC_TLS_*}, {@code HERALD_GATEWAY_TLS_*}); its WebSocket clients speak wss
     * trusting {@code socketTrust}, its gRPC callers TLS trusting {@code HERALD_GRPC_TLS_CA} of {@code gatewayTls},
     * without a client certificate.
     */
    static HeraldStack startTls(Map<String, String> messageServiceTls, Map<String, String> gatewayTls,
            SSLContext socketTrust) throws Exception {
        return new HeraldStack(PostgresHandle.testDatabase(), messageServiceTls, gatewayTls, socketTrust, true, 1, false);
    }

    /** A stack whose services use every node of a {@code nodes}-node NATS cluster. */
    static HeraldStack startOnNatsCluster(int nodes, Map<String, String> overrides) throws Exception {
        return new HeraldStack(PostgresHandle.testDatabase(), overrides, Map.of(), null, true, nodes, false);
    }

    /** A stack whose worker the test runs itself (e.g. as a child process it can kill). */
    static HeraldStack startWithoutWorker(PostgresHandle postgres, Map<String, String> overrides) throws Exception {
        return new HeraldStack(postgres, overrides, false);
    }

    void startWorker() throws Exception {
        WorkerConfig config = WorkerConfig.fromEnv(env);
        PrometheusMeterRegistry registry = ServiceMeters.create("persistence-worker");
        Database database = new Database(config.database(), "it-worker", new MicrometerMetricsTrackerFactory(registry));
        io.nats.client.Connection connection = Nats.connect(natsUrl());
        PersistenceWorker started = new PersistenceWorker(config, connection, database, registry);
        started.start();
        worker = started;
    }

    /** The port of the in-process worker's {@code /metrics} and {@code /health/*}. */
    int workerOpsPort() {
        if (worker == null) {
            throw new IllegalStateException("no in-process worker runs");
        }
        return worker.opsPort();
    }

    /** How many batch writes the in-process worker has seen fail (0 when none runs). */
    long workerFailures() {
        return worker == null ? 0 : worker.stats().failures();
    }

    void stopWorker() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    /** The URL of every NATS server the stack uses, comma-separated. */
    String natsUrl() {
        return natsCluster == null ? nats.url() : natsCluster.url();
    }

    URI socketUri() {
        return URI.create(socketScheme + "://127.0.0.1:" + gateway.port() + "/ws");
    }

    /** The browser app the gateway serves, e.g. {@code http://127.0.0.1:8080/}. */
    URI appUri() {
        return URI.create((socketScheme.equals("wss") ? "https" : "http") + "://127.0.0.1:" + gateway.port() + "/");
    }

    WsClient connect() {
        return WsClient.connect(clients, socketUri());
    }

    /** A socket that has gone online as the user; fails the test unless the online is acked. */
    WsClient online(String userId, String name) {
        WsClient client = connect();
        var reply = client.request("online", Map.of("token", token(userId, name)));
        if (!"ack".equals(reply.path("event").asText())) {
            throw new AssertionError("online as " + userId + " was not acked: " + reply);
        }
        return client;
    }

    String token(String userId, String name) {
        return tokens.issue(userId, name, false, Duration.ofMinutes(30));
    }

    /** A gRPC caller with a token for the user; {@code admin} adds the admin role. */
    GrpcUser grpc(String userId, boolean admin) {
        return new GrpcUser(channel(), userId, tokens.issue(userId, userId, admin, Duration.ofMinutes(30)));
    }

    /** A gRPC caller presenting {@code token} as is (forged, tampered or expired ones included). */
    GrpcUser grpcWithToken(String userId, String token) {
        return new GrpcUser(channel(), userId, token);
    }

    /** A gRPC user with a unique id starting with {@code prefix}, already known (went online once). */
    GrpcUser knownUser(String prefix) {
        return grpc(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), false).known();
    }

    int grpcPort() {
        return messageService.port();
    }

    private synchronized ManagedChannel channel() {
        if (channel == null) {
            // Like the gateway's channels: a reply up to HERALD_MAX_REPLY_BYTES plus one message alone.
            channel = Grpc.newChannelBuilderForAddress("127.0.0.1", messageService.port(), callerCredentials())
                    .maxInboundMessageSize(ReplyBound.read(Env.of(env)).grpcMaxMessageBytes())
                    .build();
        }
        return channel;
    }

    /** What a direct caller (an app, an admin) uses: TLS trusting the gateway's CA file when gRPC is on TLS. */
    private ChannelCredentials callerCredentials() {
        if (gatewayCa == null) {
            return InsecureChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(new File(gatewayCa)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    java.sql.Connection sql() throws java.sql.SQLException {
        return postgres.connect();
    }

    @Override
    public void close() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        gateway.close();
        stopWorker();
        messageService.close();
        jwks.close();
        if (natsCluster != null) {
            natsCluster.close();
        } else {
            nats.close();
        }
        postgres.close();
    }
}
