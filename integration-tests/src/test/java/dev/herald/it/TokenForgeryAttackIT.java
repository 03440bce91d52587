package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.herald.devidp.DevKeys;
import dev.herald.proto.v1.SyncRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.websocket.CloseReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attacker without a valid token tries to act as a victim, over the WebSocket and over gRPC, and floods the
 * gateway with made-up key ids: every forged, tampered or foreign token is refused, the victim's messages reach no
 * one else, a valid sign-in still works afterwards and a bystander's service is unaffected.
 */
class TokenForgeryAttackIT {

    /** Not the identity provider's key. */
    static final DevKeys OTHER_KEY = DevKeys.generate();
    static HeraldStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void forgedAndTamperedTokensAreRefusedAndAKidFloodLocksNobodyOut() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        String genuine = stack.token(victim, "Victim");
        try (Bystander bystander = Bystander.start(stack)) {
            for (String forged : forgeries(victim, genuine)) {
                try (WsClient attacker = stack.connect()) {
                    var reply = attacker.request("online", Map.of("token", forged));
                    assertThat(reply.path("data").path("status").asText()).as("online with %s", forged)
                            .isEqualTo("UNAUTHENTICATED");
                    assertThat(attacker.awaitClose(Duration.ofSeconds(10)).getCloseCode())
                            .isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
                }
                assertThatThrownBy(() -> stack.grpcWithToken(victim, forged).inbox.sync(SyncRequest.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class)
                        .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                                .isEqualTo(Status.Code.UNAUTHENTICATED));
            }

            // A flood of made-up key ids: each could make the gateway refetch the JWKS.
            for (int i = 0; i < 200; i++) {
                try (WsClient attacker = stack.connect()) {
                    attacker.sendText("{\"event\":\"online\",\"id\":\"1\",\"data\":{\"token\":\""
                            + signed(OTHER_KEY, "made-up-" + i, "herald-it", "herald", victim) + "\"}}");
                    attacker.awaitClose(Duration.ofSeconds(10));
                }
            }

            try (WsClient real = stack.online(victim, "Victim");
                 WsClient sender = stack.online("sender-" + UUID.randomUUID().toString().substring(0, 8), "S")) {
                sender.request("message", Map.of("receivers", List.of(victim), "body", "for the victim only"));
                real.await(f -> "for the victim only".equals(f.path("data").path("body").asText()),
                        Duration.ofSeconds(10));
            }
            bystander.finish();
        }
    }

    /** Tokens that name the victim but must not be accepted. */
    private static List<String> forgeries(String victim, String genuine) {
        String[] parts = genuine.split("\\.");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String otherUser = stack.token("mallory", "Mallory");
        String[] mallory = otherUser.split("\\.");
        return Stream.of(
                // Signed by another key that claims the real key's id.
                signed(OTHER_KEY, stack.keys.keyId(), "herald-it", "herald", victim),
                // Mallory's genuine token with the subject changed to the victim.
                mallory[0] + "." + base64.encodeToString(new String(Base64.getUrlDecoder().decode(mallory[1]),
                        StandardCharsets.UTF_8).replace("\"mallory\"", "\"" + victim + "\"")
                        .getBytes(StandardCharsets.UTF_8)) + "." + mallory[2],
                // No signature at all.
                base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                        + parts[1] + ".",
                // HMAC "signed" with the provider's public key (algorithm confusion).
                JWT.create().withKeyId(JWT.decode(genuine).getKeyId()).withIssuer("herald-it").withAudience("herald")
                        .withSubject(victim).withExpiresAt(Instant.now().plusSeconds(600))
                        .sign(Algorithm.HMAC256(stack.keys.publicKey().getEncoded())),
                // Expired, and a genuine signature over a body with another audience and issuer.
                stack.expiredTokens.issue(victim, "Victim", false, Duration.ofMinutes(30)),
                signed(stack.keys, stack.keys.keyId(), "herald-it", "another-service", victim),
                signed(stack.keys, stack.keys.keyId(), "another-issuer", "herald", victim),
                "not-a-jwt").toList();
    }

    private static String signed(DevKeys key, String keyId, String issuer, String audience, String subject) {
        return JWT.create().withKeyId(keyId).withIssuer(issuer).withAudience(audience).withSubject(subject)
                .withClaim("roles", List.of("admin")).withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.RSA256(key.publicKey(), key.privateKey()));
    }
}
