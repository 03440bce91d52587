package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.AuthException;
import dev.herald.auth.VerifiedTokenCache;
import dev.herald.auth.VerifiedUser;
import dev.herald.logging.RepeatingWarning;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a gateway's claim that a user holds sockets on it: the claim must carry that user's own current token,
 * verified like a bearer token (signature, issuer, audience, expiry; cached), whose subject is the user. The gateway
 * secret only lets a link be opened; without this proof a link names users in vain.
 *
 * <p>A refused claim is not an error of the link: the token may have expired in flight, or be signed by a key this
 * instance has not fetched yet, and the link's other users must keep their deliveries. It is logged as a repeating
 * warning, with the reason and never the token.
 */
public final class PresenceProofs {

    /** Log lines carry the claimed id, which the link chose: enough of it to recognise, not a whole frame. */
    private static final int LOGGED_ID_CHARS = 128;
    private static final Logger logger = LoggerFactory.getLogger(PresenceProofs.class);

    private final VerifiedTokenCache tokens;
    private final Clock clock;
    private final RepeatingWarning refused = new RepeatingWarning(logger);

    public PresenceProofs(VerifiedTokenCache tokens, Clock clock) {
        this.tokens = requireNonNull(tokens, "tokens");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The user proven by {@code token}, or empty (and a warning) when the token does not prove {@code userId}. */
    Optional<ProvenUser> prove(String gatewayId, String userId, String token) {
        try {
            return Optional.of(new ProvenUser(userId, verify(userId, token).expiresAt()));
        } catch (AuthException e) {
            refused.warn(event -> event.addKeyValue("gatewayId", gatewayId)
                    .addKeyValue("userId", shortened(userId)).addKeyValue("reason", e.getMessage())
                    .log("a gateway link named a user without a valid token of that user: not delivering to it there"));
            return Optional.empty();
        }
    }

    /** @throws AuthException naming why {@code token} does not prove {@code userId} */
    private VerifiedUser verify(String userId, String token) throws AuthException {
        if (token.isEmpty()) {
            throw new AuthException("no token");
        }
        VerifiedUser user = tokens.verify(token);
        if (!user.id().equals(userId)) {
            throw new AuthException("token is for another user");
        }
        // The verifier allows clock skew on exp; a delivery never goes out on a token past its exp.
        if (!clock.instant().isBefore(user.expiresAt())) {
            throw new AuthException("token expired");
        }
        return user;
    }

    private static String shortened(String userId) {
        return userId.length() <= LOGGED_ID_CHARS ? userId : userId.substring(0, LOGGED_ID_CHARS) + "...";
    }
}
