package dev.herald.message;

import static java.util.Objects.requireNonNull;

import dev.herald.config.Env;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import java.io.PrintStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code java -jar message-service-all.jar migrate}: brings the schema to this build's version as the schema's
 * owner ({@code HERALD_DB_USER}), then grants the services' role ({@code HERALD_DB_APP_ROLE}) row access to every
 * table. The services themselves never migrate: they run as that role, which cannot change the schema.
 */
final class MigrateCommand {

    /** A PostgreSQL identifier the grants can name unquoted, or empty for no grants. */
    private static final Pattern ROLE = Pattern.compile("|[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** What the command is given. */
    record Settings(DatabaseConfig database, String appRole) {

        static Settings fromEnv(Map<String, String> variables) {
            Env env = Env.of(variables);
            return new Settings(DatabaseConfig.from(env), env.matching("HERALD_DB_APP_ROLE", "herald_app", ROLE,
                    "a PostgreSQL role name (letters, digits, _), or empty for no grants"));
        }
    }

    private final Settings settings;
    private final PrintStream out;

    MigrateCommand(Settings settings, PrintStream out) {
        this.settings = requireNonNull(settings, "settings");
        this.out = requireNonNull(out, "out");
    }

    /** Migrates and grants; throws (the caller prints one line and exits 1) when PostgreSQL refuses either. */
    void run() {
        try (Database database = new Database(settings.database(), "migrate")) {
            MigrateResult result = database.migrations().apply(settings.appRole());
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : String.valueOf(result.initialSchemaVersion);
            out.println("herald migrate: schema at version " + version + " (" + result.migrationsExecuted
                    + " applied) as " + settings.database().user()
                    + (settings.appRole().isEmpty() ? "; no role granted"
                            : "; " + settings.appRole() + " may read and write rows"));
        }
    }
}
