package dev.herald.config;

/**
 * Reads {@code HERALD_GATEWAY_SECRET}, the secret every gateway presents on its links to the message-services, by
 * one rule for both services. Its default is published (README, {@code deploy/local/run.sh}), so anyone who can
 * reach a message-service could present it: outside development mode ({@code HERALD_DEV_MODE=true}) it must be set,
 * to something else, of at least {@value #MIN_LENGTH} characters. Errors never echo the value.
 */
public final class GatewaySecret {

    public static final String VARIABLE = "HERALD_GATEWAY_SECRET";
    /** The default, accepted only in development mode. */
    public static final String LOCAL_DEFAULT = "herald-local-gateway-secret";
    /** Short enough to paste, long enough not to guess: {@code openssl rand -base64 24} gives 32. */
    public static final int MIN_LENGTH = 32;

    private static final String EXPECTED =
            "at least " + MIN_LENGTH + " characters, not the local default, unless HERALD_DEV_MODE=true";

    private GatewaySecret() {}

    /**
     * The secret, or its default in {@code devMode}.
     *
     * @throws ConfigException naming {@value #VARIABLE} (never its value) when it is empty, or outside
     *                         {@code devMode} absent, the local default or shorter than {@value #MIN_LENGTH}
     */
    public static String read(Env env, boolean devMode) {
        if (devMode) {
            return env.string(VARIABLE, LOCAL_DEFAULT); // only an empty value is refused, so nothing is echoed
        }
        if (!env.variables().containsKey(VARIABLE)) {
            throw new ConfigException(VARIABLE + ": not set (expected: " + EXPECTED + ")");
        }
        String secret = env.secret(VARIABLE, "");
        if (secret.equals(LOCAL_DEFAULT) || secret.length() < MIN_LENGTH) {
            throw ConfigException.invalidSecret(VARIABLE, EXPECTED);
        }
        return secret;
    }
}
