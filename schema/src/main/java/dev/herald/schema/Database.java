package dev.herald.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool and the one shared {@link DSLContext} of a service. The services only check that the schema
 * is current ({@link #requireCurrentSchema()}); migrating is the {@code migrate} command's job, as the schema's
 * owner ({@link #migrations()}).
 */
public final class Database implements AutoCloseable {

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    public Database(DatabaseConfig config, String poolName) {
        this(config, poolName, null);
    }

    /**
     * @param metrics where the pool reports its use (a service's Micrometer registry, through HikariCP's
     *     {@code MicrometerMetricsTrackerFactory}: {@code hikaricp_connections_active} and the rest, tagged with
     *     {@code pool} = {@code poolName}); null: nowhere
     */
    public Database(DatabaseConfig config, String poolName, @Nullable MetricsTrackerFactory metrics) {
        this.config = config;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName(poolName);
        // Start even while PostgreSQL is down: writes go through JetStream and land once it is back.
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionTimeout(5_000);
        if (metrics != null) {
            hikari.setMetricsTrackerFactory(metrics);
        }
        this.dataSource = new HikariDataSource(hikari);
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** Applies pending migrations, granting no role anything (tests that run as the migrating user). */
    public void migrate() {
        migrations().apply("");
    }

    /** The migrations of this database. */
    public SchemaMigrations migrations() {
        return new SchemaMigrations(config);
    }

    /** Fails with a message naming the versions unless every migration of this build has been applied. */
    public void requireCurrentSchema() {
        migrations().requireCurrent();
    }

    /**
     * Runs {@code select 1} on a pooled connection: returns once PostgreSQL answered, or throws jOOQ's
     * {@code DataAccessException} (no connection within the pool's 5 s timeout, or no answer within 2 s).
     */
    public void ping() {
        dsl.selectOne().queryTimeout(2).fetch();
    }

    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
