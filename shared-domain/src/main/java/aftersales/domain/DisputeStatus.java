package aftersales.domain;

/** The status a caller sees, one per {@link DisputeState}. */
public enum DisputeStatus {
    AWAITING_SELLER_RESPONSE,
    AWAITING_BUYER,
    ESCALATED,
    IN_ARBITRATION,
    RESOLVED
}
