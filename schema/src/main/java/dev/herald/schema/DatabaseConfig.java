package dev.herald.schema;

import java.util.Map;

/**
 * Where PostgreSQL is: HERALD_DB_URL (default {@code jdbc:postgresql://127.0.0.1:5432/herald}),
 * HERALD_DB_USER (default {@code postgres}), HERALD_DB_PASSWORD (default empty),
 * HERALD_DB_POOL_SIZE (default 8).
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {

    public DatabaseConfig {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("HERALD_DB_URL: " + jdbcUrl + " (expected: jdbc:postgresql://...)");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("HERALD_DB_POOL_SIZE: " + poolSize + " (expected: > 0)");
        }
    }

    public static DatabaseConfig fromEnv(Map<String, String> env) {
        String poolSize = env.getOrDefault("HERALD_DB_POOL_SIZE", "8");
        try {
            return new DatabaseConfig(
                    env.getOrDefault("HERALD_DB_URL", "jdbc:postgresql://127.0.0.1:5432/herald"),
                    env.getOrDefault("HERALD_DB_USER", "postgres"),
                    env.getOrDefault("HERALD_DB_PASSWORD", ""),
                    Integer.parseInt(poolSize));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HERALD_DB_POOL_SIZE: " + poolSize + " (expected: an integer)", e);
        }
    }
}
