/**
 * Verifies the JWTs that clients present: {@link dev.herald.auth.JwtVerifier} checks signature, issuer,
 * audience and expiry against the identity provider's JWKS, {@link dev.herald.auth.VerifiedTokenCache}
 * spares repeated signature checks, and both yield a {@link dev.herald.auth.VerifiedUser}.
 */
@NullMarked
package dev.herald.auth;

import org.jspecify.annotations.NullMarked;
