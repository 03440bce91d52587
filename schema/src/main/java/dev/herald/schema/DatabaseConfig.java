package dev.herald.schema;

import static java.util.Objects.requireNonNull;

import dev.herald.config.Env;
import java.util.regex.Pattern;

/**
 * Where PostgreSQL is and how many connections to hold.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>Variable</th><th>Default</th></tr>
 *   <tr><td>{@code HERALD_DB_URL}</td><td>{@code jdbc:postgresql://127.0.0.1:5432/herald}</td></tr>
 *   <tr><td>{@code HERALD_DB_USER}</td><td>{@code postgres}</td></tr>
 *   <tr><td>{@code HERALD_DB_PASSWORD}</td><td>empty</td></tr>
 *   <tr><td>{@code HERALD_DB_POOL_SIZE}</td><td>8 (1 to 1000)</td></tr>
 * </table>
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {

    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql:.+");

    public DatabaseConfig {
        requireNonNull(jdbcUrl, "jdbcUrl");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
    }

    /** Reads the settings, with the defaults above for absent variables. */
    public static DatabaseConfig from(Env env) {
        return new DatabaseConfig(
                env.matching("HERALD_DB_URL", "jdbc:postgresql://127.0.0.1:5432/herald", POSTGRES_URL,
                        "jdbc:postgresql://host:port/database"),
                env.string("HERALD_DB_USER", "postgres"),
                env.secret("HERALD_DB_PASSWORD", ""),
                env.integer("HERALD_DB_POOL_SIZE", 8, 1, 1000));
    }

    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
