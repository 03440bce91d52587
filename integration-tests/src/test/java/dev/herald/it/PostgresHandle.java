package dev.herald.it;

import dev.herald.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL a stack writes to: a fresh database on the shared test server, or an embedded
 * server of the test's own that it can stop and start again (to test an outage).
 */
interface PostgresHandle extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    @Override
    void close();

    static PostgresHandle testDatabase() {
        TestDatabase db = TestDatabase.create();
        return new PostgresHandle() {
            @Override public String jdbcUrl() { return db.jdbcUrl(); }
            @Override public String user() { return db.user(); }
            @Override public String password() { return db.password(); }
            @Override public void close() { db.close(); }
        };
    }

    /** An embedded server on a fixed port and data directory, so it can be restarted in place. */
    final class Embedded implements PostgresHandle {
        private final Path dataDir;
        private final int port;
        private EmbeddedPostgres server;

        Embedded(Path dataDir, int port) {
            this.dataDir = dataDir;
            this.port = port;
            start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database herald");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void start() {
            try {
                server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir)
                        .setCleanDataDirectory(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public String jdbcUrl() { return "jdbc:postgresql://127.0.0.1:" + port + "/herald"; }
        @Override public String user() { return "postgres"; }
        @Override public String password() { return ""; }
        @Override public void close() { stop(); }
    }
}
