package aftersales.domain;

/** Why a dispute went to arbitration. */
public enum EscalationBasis {
    /** Rule 3: the buyer escalated after the seller rejected. */
    BUYER_REQUEST,
    /** Rule 3: no agreement within the negotiation period after the first filing ("the 16th day"). */
    NEGOTIATION_PERIOD_ENDED,
    /** Rule 3: goods in transit and the delivery time limit expired. */
    DELIVERY_TIME_LIMIT_EXPIRED
}
