package aftersales.domain;

/** How a dispute ended (Rule 5's raw fact). */
public enum ResolutionBasis {
    /** Agreement: the seller accepted the buyer's proposal. */
    SELLER_ACCEPTED(false),
    /** Agreement: the buyer accepted the seller's counter-proposal. */
    COUNTER_PROPOSAL_ACCEPTED(false),
    /** Rule 2: the seller did not respond in time; counts against the seller. */
    SELLER_RESPONSE_TIMEOUT(true),
    /** Rule 4: the platform ruled; against the seller only with a refund and a violation. */
    ARBITRATION(false),
    /** The buyer withdrew the application. */
    BUYER_CANCELLED(false);

    private final boolean alwaysAgainstSeller;

    ResolutionBasis(boolean alwaysAgainstSeller) {
        this.alwaysAgainstSeller = alwaysAgainstSeller;
    }

    boolean alwaysAgainstSeller() {
        return alwaysAgainstSeller;
    }

    public boolean isAgreement() {
        return this == SELLER_ACCEPTED || this == COUNTER_PROPOSAL_ACCEPTED;
    }
}
