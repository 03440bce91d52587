/**
 * The development identity provider: RSA keys on disk ({@link dev.herald.devidp.DevKeys}), a JWT issuer
 * ({@link dev.herald.devidp.DevTokenIssuer}), a JWKS endpoint ({@link dev.herald.devidp.JwksServer}) and the
 * command line of {@code deploy/local/idp.sh} and {@code token.sh} ({@link dev.herald.devidp.DevIdentityMain}).
 * Not for production: a module of its own, so the services never load it; their tests and the load generator mint
 * tokens with it.
 */
@NullMarked
package dev.herald.devidp;

import org.jspecify.annotations.NullMarked;
