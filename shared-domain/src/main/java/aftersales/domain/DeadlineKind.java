package aftersales.domain;

/**
 * The deadlines that act on their own. Declaration order is the tie-break when two fall on the
 * same instant: Rule 2 (seller response) before Rule 3 (escalation).
 */
public enum DeadlineKind {
    /** Rule 2: the seller has not accepted or rejected; refund the buyer's proposed amount. */
    SELLER_RESPONSE,
    /** Rule 3: no agreement by the 16th day, or the delivery time limit for goods in transit; escalate. */
    ESCALATION
}
