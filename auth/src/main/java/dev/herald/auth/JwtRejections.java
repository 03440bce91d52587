package dev.herald.auth;

import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;

/** Turns java-jwt's verification failures into {@link AuthException}s whose message the client may see. */
final class JwtRejections {

    private JwtRejections() {
    }

    static AuthException toAuthException(JWTVerificationException e) {
        return new AuthException(messageFor(e), e);
    }

    private static String messageFor(JWTVerificationException e) {
        return switch (e) {
            case TokenExpiredException expired -> "token expired";
            case SignatureVerificationException badSignature -> "token signature is invalid";
            case AlgorithmMismatchException mismatch -> "token signature is invalid";
            case MissingClaimException missing -> messageForClaim(missing.getClaimName(), true);
            case IncorrectClaimException incorrect -> messageForClaim(incorrect.getClaimName(), false);
            default -> "token is malformed";
        };
    }

    private static String messageForClaim(String claim, boolean missing) {
        return switch (claim) {
            case "iss" -> "token issuer is not trusted";
            case "aud" -> "token audience is wrong";
            case "sub" -> "token has no subject";
            case "exp" -> missing ? "token has no expiry" : "token expired";
            case "nbf", "iat" -> "token is not yet valid";
            default -> "token is malformed";
        };
    }
}
