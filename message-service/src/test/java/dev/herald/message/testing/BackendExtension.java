package dev.herald.message.testing;

import dev.herald.message.idempotency.FirstClaims;
import dev.herald.message.presence.DeliveryRouter;
import dev.herald.message.presence.PresenceTable;
import dev.herald.message.store.Consistency;
import dev.herald.message.store.QueryRunner;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.stream.PublishMeters;
import dev.herald.message.stream.StoredWaitMeters;
import dev.herald.message.stream.Watermark;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.stream.EventStream;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the message-service's features run on, started once per test class: a real nats-server with the class's own
 * stream, a migrated PostgreSQL database of its own, and the shared pieces (publisher, presence with gateway links
 * in-process whose users are proven by tokens of a {@link TestIdentity}, the persistence watermark). No persistence-worker runs: tests store rows with {@link #rows()} and read
 * what a feature wrote to the stream with {@link #events()}. Tests of one class share it, so each uses its own user
 * ids ({@link #unique}).
 */
public final class BackendExtension implements BeforeAllCallback, AfterAllCallback {

    /** The persistence-worker's durable: absent unless a test creates it, so reads wait at most this long. */
    public static final String DURABLE = "herald-persistence";
    public static final Duration STORED_WAIT = Duration.ofMillis(200);

    private NatsServerProcess natsServer;
    private TestDatabase testDatabase;
    private Database database;
    private Connection nats;
    private String stream;
    private String subjectPrefix;
    private EventPublisher publisher;
    private PresenceTable presence;
    private TestIdentity identity;
    private GatewayLinks links;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        natsServer = NatsServerProcess.start();
        testDatabase = TestDatabase.create();
        database = new Database(new DatabaseConfig(testDatabase.jdbcUrl(), testDatabase.user(),
                testDatabase.password(), 4), "feature-test");
        database.migrate();
        nats = Nats.connect(natsServer.url());
        stream = "FT_" + UUID.randomUUID().toString().replace("-", "");
        subjectPrefix = "ft." + stream;
        EventStream.ensure(nats, stream, subjectPrefix, 1);
        publisher = new EventPublisher(nats.jetStream(), subjectPrefix, Duration.ofSeconds(5),
                new PublishMeters(new SimpleMeterRegistry()));
        presence = new PresenceTable(Clock.systemUTC());
        identity = TestIdentity.start();
        links = GatewayLinks.start(presence, identity);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        links.close();
        identity.close();
        nats.close();
        database.close();
        testDatabase.close();
        natsServer.close();
    }

    /** {@code name} made unique, so tests sharing the database never see each other's rows. */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public DSLContext dsl() {
        return database.dsl();
    }

    public QueryRunner queries() {
        return new QueryRunner(database.dsl());
    }

    public Connection nats() {
        return nats;
    }

    public String stream() {
        return stream;
    }

    public EventPublisher publisher() {
        return publisher;
    }

    public PresenceTable presence() {
        return presence;
    }

    public DeliveryRouter router() {
        return new DeliveryRouter(presence);
    }

    public GatewayLinks links() {
        return links;
    }

    /** The watermark of every write, on the durable {@link #DURABLE}. */
    public Watermark watermark() {
        try {
            return new Watermark(nats.jetStreamManagement(), stream, DURABLE,
                    new StoredWaitMeters(new SimpleMeterRegistry()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class's first-claims bucket, as another instance would open it (each call opens it anew). */
    public FirstClaims firstClaims() {
        try {
            return FirstClaims.open(nats, stream + "_FIRST_CLAIMS", Duration.ofHours(1), 1);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot open the first-claims bucket", e);
        }
    }

    public Consistency consistency() {
        return new Consistency(watermark(), STORED_WAIT);
    }

    public StoredRows rows() {
        return new StoredRows(database.dsl());
    }

    public PublishedEvents events() {
        return new PublishedEvents(nats, stream, subjectPrefix);
    }
}
