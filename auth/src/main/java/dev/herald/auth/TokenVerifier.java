package dev.herald.auth;

/** Turns a token into the identity it proves, or says why it proves nothing. */
@FunctionalInterface
interface TokenVerifier {

    VerifiedUser verify(String token) throws AuthException;
}
