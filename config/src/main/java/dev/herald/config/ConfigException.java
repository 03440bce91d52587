package dev.herald.config;

/**
 * A configuration value that cannot be used. The message names the variable, the value and what was expected, as
 * in {@code HERALD_GRPC_PORT: 70000 (expected: 0..65535)}, and is shown to the operator as it is.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /** {@code NAME: 'value' (expected: ...)}. */
    public static ConfigException invalid(String name, String value, String expected) {
        return new ConfigException(name + ": '" + value + "' (expected: " + expected + ")");
    }

    /** For values that must not be echoed (passwords, secrets): {@code NAME: (expected: ...)}. */
    public static ConfigException invalidSecret(String name, String expected) {
        return new ConfigException(name + ": value not shown (expected: " + expected + ")");
    }
}
