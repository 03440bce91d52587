package dev.herald.auth;

/**
 * A token was rejected. {@link #getMessage()} is safe to show to the client and names the problem:
 * "token is malformed", "token expired", "token is not yet valid", "token has no expiry",
 * "token signature is invalid", "token issuer is not trusted", "token audience is wrong",
 * "token has no subject", "signing key &lt;kid&gt; is unknown" or "identity provider unreachable".
 * Internals (library messages, URLs) only ever travel in the cause, which is not for the client.
 */
public final class AuthException extends Exception {

    public AuthException(String message) {
        super(message);
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
