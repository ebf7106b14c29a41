package aftersales.domain;

/** Why the buyer applies. {@link #GOODS_IN_TRANSIT} ("goods in transit / not received") escalates on the delivery time limit (Rule 3). */
public enum RefundReason {
    GOODS_IN_TRANSIT,
    NOT_AS_DESCRIBED,
    DAMAGED,
    WRONG_ITEM,
    MISSING_PARTS,
    QUALITY_ISSUE,
    OTHER
}
