package dev.herald.devidp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RSA public key as a JSON Web Key (RFC 7517): modulus {@code n} and exponent {@code e} in unpadded
 * base64url, and as key id its RFC 7638 thumbprint, so the same key always has the same kid.
 */
record RsaJwk(String kid, String n, String e) {

    static RsaJwk of(RSAPublicKey key) {
        final String n = base64Url(key.getModulus());
        final String e = base64Url(key.getPublicExponent());
        return new RsaJwk(thumbprint(n, e), n, e);
    }

    /** The JWKS entry for an RS256 signing key. */
    Map<String, Object> toJson() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("kty", "RSA");
        json.put("kid", kid);
        json.put("use", "sig");
        json.put("alg", "RS256");
        json.put("n", n);
        json.put("e", e);
        return json;
    }

    private static String thumbprint(String n, String e) {
        // RFC 7638 section 3.2: the required members only, in lexicographic order, no whitespace.
        final String canonical = "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}";
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }

    private static String base64Url(BigInteger value) {
        // JWK integers are unsigned big-endian: drop the sign byte that toByteArray adds when the top bit is set.
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
