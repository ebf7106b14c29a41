package aftersales.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How and when a dispute ended, the refund it owes, and whether it counts against the seller (Rule 5). */
public record Resolution(ResolutionBasis basis, Money refund, Instant at, Optional<Ruling> ruling) {

    public Resolution {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ruling, "ruling");
        if (ruling.isPresent() != (basis == ResolutionBasis.ARBITRATION)) {
            throw new IllegalArgumentException("a ruling goes with, and only with, an arbitration resolution");
        }
    }

    /** Seller-responsibility: response timeout, or an arbitration with a refund and a violation. */
    public boolean againstSeller() {
        if (basis.alwaysAgainstSeller()) {
            return true;
        }
        return ruling.map(r -> r.sellerViolated() && r.refund().isPositive()).orElse(false);
    }
}
