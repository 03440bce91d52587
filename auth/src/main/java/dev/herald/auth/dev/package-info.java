/**
 * The development identity provider: RSA keys on disk ({@link dev.herald.auth.dev.DevKeys}), a JWT issuer
 * ({@link dev.herald.auth.dev.DevTokenIssuer}), a JWKS endpoint ({@link dev.herald.auth.dev.JwksServer}) and the
 * command line that the local stack and the integration tests use ({@link dev.herald.auth.dev.DevIdentityMain}).
 * Not for production.
 */
@NullMarked
package dev.herald.auth.dev;

import org.jspecify.annotations.NullMarked;
