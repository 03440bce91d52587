package dev.herald.devidp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The JSON body of a JWKS endpoint: {@code {"keys":[...]}}; public for tests that serve keys their own way. */
public final class JwksDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwksDocument() {
    }

    public static byte[] of(List<DevKeys> keys) {
        final List<Map<String, Object>> jwks = keys.stream().map(k -> RsaJwk.of(k.publicKey()).toJson()).toList();
        try {
            return JSON.writeValueAsBytes(Map.of("keys", jwks));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a map of strings as JSON", e);
        }
    }
}
