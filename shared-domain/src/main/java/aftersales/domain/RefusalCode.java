package aftersales.domain;

/**
 * Every reason a command can be refused, grouped by {@link Category} so an adapter can map a whole
 * category to one response (for example {@code NOT_FOUND} to 404 so ids of others' orders do not leak).
 */
public enum RefusalCode {
    // who is acting
    NOT_A_PARTY(Category.NOT_FOUND),
    NO_SUCH_DISPUTE(Category.NOT_FOUND),
    ROLE_NOT_ALLOWED(Category.FORBIDDEN),

    // Rule 1
    NOT_SHIPPED(Category.CONFLICT),
    ALREADY_FULLY_SHIPPED(Category.CONFLICT),
    WINDOW_NOT_OPEN(Category.CONFLICT),
    WINDOW_CLOSED(Category.CONFLICT),
    DISPUTE_ALREADY_OPEN(Category.CONFLICT),
    APPLICATION_LIMIT_REACHED(Category.CONFLICT),
    ORDER_ALREADY_SETTLED(Category.CONFLICT),
    AMOUNT_NOT_POSITIVE(Category.INVALID),
    AMOUNT_ABOVE_REFUNDABLE(Category.INVALID),
    CURRENCY_MISMATCH(Category.INVALID),

    // Rules 2 and 3
    NOT_AWAITING_SELLER(Category.CONFLICT),
    SELLER_RESPONSE_DEADLINE_PASSED(Category.CONFLICT),
    COUNTER_PROPOSAL_NOT_BELOW_PROPOSAL(Category.INVALID),
    NOT_AWAITING_BUYER(Category.CONFLICT),
    NO_COUNTER_PROPOSAL(Category.CONFLICT),
    ALREADY_ESCALATED(Category.CONFLICT),
    DISPUTE_RESOLVED(Category.CONFLICT),

    // Rule 4
    NOT_ESCALATED(Category.CONFLICT),
    CASE_NOT_OPEN(Category.CONFLICT),
    EVIDENCE_PERIOD_RUNNING(Category.CONFLICT),
    ALREADY_RULED(Category.CONFLICT),
    EVIDENCE_LIMIT_REACHED(Category.CONFLICT),

    // Rule 5 and orders
    ORDER_NOT_COMPLETE(Category.CONFLICT),
    ALREADY_EVALUATED(Category.CONFLICT),
    RECEIPT_ALREADY_CONFIRMED(Category.CONFLICT),

    ORDER_EXISTS(Category.CONFLICT),
    /** The order's record has no room for more text or evidence; what the system itself records still fits. */
    RECORD_FULL(Category.INVALID),

    // input shape the domain itself insists on
    INVALID_INPUT(Category.INVALID);

    /** Broad kinds of refusal. */
    public enum Category {
        /** The caller may not know the object exists. */
        NOT_FOUND,
        /** The caller's role may never do this. */
        FORBIDDEN,
        /** Not now: the state or the time does not allow it. */
        CONFLICT,
        /** The request itself breaks a rule. */
        INVALID
    }

    private final Category category;

    RefusalCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
