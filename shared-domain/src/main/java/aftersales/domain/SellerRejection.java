package aftersales.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The seller's "reject", with the reason and optionally a counter-proposal the buyer may accept. */
public record SellerRejection(String reason, Optional<Money> counterProposal, Instant at) {
    public SellerRejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(counterProposal, "counterProposal");
        Objects.requireNonNull(at, "at");
    }
}
