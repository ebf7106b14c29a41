package aftersales.functions.http;

import aftersales.domain.Actor;
import aftersales.domain.Role;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The caller, only from the JWT claims the HTTP API authorizer verified: {@code sub} is the subject and
 * {@code role} one of buyer, seller, arbitrator, platform. Nothing in a request body can change who is acting.
 */
public final class Caller {

    public static final String ROLE_CLAIM = "role";
    public static final String SUBJECT_CLAIM = "sub";

    private Caller() {
    }

    public static Optional<Actor> from(Map<String, String> claims) {
        String sub = claims.get(SUBJECT_CLAIM);
        String role = claims.get(ROLE_CLAIM);
        if (sub == null || sub.isBlank() || sub.length() > 200 || role == null) {
            return Optional.empty();
        }
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "buyer" -> Optional.of(new Actor(Role.BUYER, sub));
            case "seller" -> Optional.of(new Actor(Role.SELLER, sub));
            case "arbitrator" -> Optional.of(new Actor(Role.ARBITRATOR, sub));
            case "platform" -> Optional.of(new Actor(Role.PLATFORM, sub));
            default -> Optional.empty(); // "system" is never a caller over HTTP
        };
    }
}
