package dev.herald.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The connection pool and the one shared {@link DSLContext} of a service. {@link #migrate()}
 * brings the schema to the newest Flyway migration; it is safe to call from several services at
 * once (Flyway takes a lock).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    public Database(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName(poolName);
        // Start even while PostgreSQL is down: writes go through JetStream and land once it is back.
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionTimeout(5_000);
        this.dataSource = new HikariDataSource(hikari);
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** Applies pending migrations from {@code classpath:db/migration}. */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
