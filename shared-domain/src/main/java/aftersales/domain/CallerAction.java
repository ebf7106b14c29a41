package aftersales.domain;

/** The actions a caller may be offered on an order or a dispute (the "allowed actions" of a view). */
public enum CallerAction {
    RECORD_SHIPMENT,
    CONFIRM_RECEIPT,
    EVALUATE,
    APPLY_FOR_REFUND,
    MODIFY_APPLICATION,
    ACCEPT_PROPOSAL,
    REJECT_PROPOSAL,
    ACCEPT_COUNTER_PROPOSAL,
    ESCALATE,
    CANCEL,
    ADD_EVIDENCE,
    RULE
}
