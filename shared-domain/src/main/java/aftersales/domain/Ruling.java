package aftersales.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Rule 4: the platform's one-time decision. A violation carries its reason, which becomes the penalty's reason. */
public record Ruling(String arbitratorId, Money refund, Optional<String> violation, String statement, Instant at) {
    public Ruling {
        Objects.requireNonNull(arbitratorId, "arbitratorId");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(at, "at");
    }

    public boolean sellerViolated() {
        return violation.isPresent();
    }
}
