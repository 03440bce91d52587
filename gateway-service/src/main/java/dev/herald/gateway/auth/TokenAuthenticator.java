package dev.herald.gateway.auth;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.AuthException;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.auth.VerifiedUser;
import dev.herald.gateway.protocol.FrameException;

/**
 * Verifies the token of an {@code online} event locally, against the identity provider's JWKS, before the
 * gateway calls anything on the user's behalf. Verified tokens are cached until they expire, so a refresh
 * with the same token or many sockets of one user cost one signature check.
 */
public final class TokenAuthenticator {

    private final VerifiedTokenCache tokens;

    public TokenAuthenticator(VerifiedTokenCache tokens) {
        this.tokens = requireNonNull(tokens, "tokens");
    }

    /**
     * Returns the identity the token proves.
     *
     * @throws FrameException UNAUTHENTICATED with the client-safe reason (e.g. "token expired")
     */
    public VerifiedUser authenticate(String token) throws FrameException {
        try {
            return tokens.verify(token);
        } catch (AuthException e) {
            throw FrameException.unauthenticated(e.getMessage() == null ? "token rejected" : e.getMessage());
        }
    }
}
