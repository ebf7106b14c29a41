package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/** The buyer's refund application as it currently stands: what is asked and why. */
public record Proposal(RefundReason reason, Money amount, boolean returnGoods, String description, Instant at) {
    public Proposal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(at, "at");
    }
}
