package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the payment system must pay. Its id is derived from the dispute, so however often it is sent,
 * a consumer that keys on it pays exactly once per resolution.
 */
public record RefundInstruction(String id, DisputeId disputeId, String buyerId, String sellerId, Money amount,
                                ResolutionBasis basis, Instant at) {
    public RefundInstruction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(disputeId, "disputeId");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund instruction is only for a non-zero refund");
        }
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(at, "at");
    }

    static String idFor(DisputeId disputeId) {
        return disputeId + ".refund";
    }
}
