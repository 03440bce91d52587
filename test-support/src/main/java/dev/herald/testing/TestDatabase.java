package dev.herald.testing;

import dev.herald.config.Env;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A uniquely named database on the PostgreSQL server the tests use (by default the one on
 * 127.0.0.1:5432, user postgres; override with HERALD_TEST_PG_HOST, HERALD_TEST_PG_PORT,
 * HERALD_TEST_PG_USER, HERALD_TEST_PG_PASSWORD), dropped on close so runs never collide.
 */
public final class TestDatabase implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates a fresh, empty database. */
    public static TestDatabase create() {
        Env env = Env.of(System.getenv());
        TestDatabase db = new TestDatabase(
                env.string("HERALD_TEST_PG_HOST", "127.0.0.1"),
                env.integer("HERALD_TEST_PG_PORT", 5432, 1, 65535),
                env.string("HERALD_TEST_PG_USER", "postgres"),
                env.secret("HERALD_TEST_PG_PASSWORD", ""),
                "herald_it_" + UUID.randomUUID().toString().replace("-", ""));
        db.admin("create database " + db.name);
        return db;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    /** Opens a plain JDBC connection to this database (for assertions). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }

    private void admin(String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }
}
