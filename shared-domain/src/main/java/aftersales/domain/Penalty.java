package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/** Rule 4/5: penalty points against a seller, recorded in the same step as the ruling that found the violation. */
public record Penalty(String id, String sellerId, DisputeId disputeId, int points, String reason, Instant at) {
    public Penalty {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(disputeId, "disputeId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    static String idFor(DisputeId disputeId) {
        return disputeId + ".penalty";
    }
}
