package dev.herald.logging;

import dev.herald.config.Env;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code HERALD_LOG_LEVEL} and {@code HERALD_LOG_FORMAT}, checked at startup. Logback reads the same two variables
 * itself ({@code logback.xml}); reading them here as part of each service's configuration makes a bad value stop
 * the service with one line and exit 2 rather than silently falling back.
 *
 * @param level {@code TRACE}, {@code DEBUG}, {@code INFO} (default), {@code WARN}, {@code ERROR} or {@code OFF}
 * @param format {@code text} (default) or {@code json}; lower case, as logback matches it by name
 */
public record LogSettings(String level, String format) {

    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static LogSettings fromEnv(Env env) {
        return new LogSettings(
                env.oneOf("HERALD_LOG_LEVEL", "INFO", LEVELS),
                env.matching("HERALD_LOG_FORMAT", "text", Pattern.compile("text|json"), "text or json"));
    }
}
