package aftersales.domain;

import static aftersales.domain.Allowance.ALLOWED;
import static aftersales.domain.Allowance.firstOf;

import aftersales.domain.DisputeState.AwaitingBuyer;
import aftersales.domain.DisputeState.AwaitingSeller;
import aftersales.domain.DisputeState.Escalated;
import aftersales.domain.DisputeState.InArbitration;
import aftersales.domain.DisputeState.Resolved;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of RULES.md as small functions that allow or refuse with a reason. "May" rules look at who is
 * acting, the state and the time (and so also decide which actions a view offers); "valid" rules look at
 * what is asked. Every command passes both before anything changes.
 */
public final class Rules {

    public static final int MAX_TEXT = 2000;
    public static final int MAX_SHORT_TEXT = 200;
    public static final int MAX_ATTACHMENTS = 10;
    public static final int MAX_ATTACHMENT_REF = 512;

    private Rules() {
    }

    // ---- who ----

    /** Buyers and sellers of other orders are told nothing exists: ids of others' objects must not leak. */
    static Allowance party(Order order, Actor actor) {
        boolean outsider = (actor.is(Role.BUYER) || actor.is(Role.SELLER)) && !order.isParty(actor);
        return outsider ? Refusal.of(RefusalCode.NOT_A_PARTY, "no such order") : ALLOWED;
    }

    static Allowance role(Actor actor, Role... allowed) {
        if (Arrays.asList(allowed).contains(actor.role())) {
            return ALLOWED;
        }
        return Refusal.of(RefusalCode.ROLE_NOT_ALLOWED,
                "a " + actor.role().name().toLowerCase() + " may not do this", "allowedRoles", Arrays.toString(allowed));
    }

    // ---- orders ----

    static Allowance mayRecordShipment(Order order, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.SELLER),
                () -> order.fullyShippedAt().isPresent()
                        ? Refusal.of(RefusalCode.ALREADY_FULLY_SHIPPED, "all goods are already marked shipped",
                                "fullyShippedAt", order.fullyShippedAt().get())
                        : ALLOWED);
    }

    static Allowance validShipment(Command.RecordShipment c, Instant now) {
        return firstOf(() -> text("carrier", c.carrier(), MAX_SHORT_TEXT, true),
                () -> text("trackingNumber", c.trackingNumber(), MAX_SHORT_TEXT, true),
                () -> c.shippedAt().isAfter(now)
                        ? invalid("shippedAt", "the shipment cannot be shipped in the future")
                        : ALLOWED);
    }

    static Allowance mayConfirmReceipt(Order order, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER), () -> shipped(order),
                () -> order.receiptConfirmedAt().isPresent()
                        ? Refusal.of(RefusalCode.RECEIPT_ALREADY_CONFIRMED, "receipt is already confirmed",
                                "receiptConfirmedAt", order.receiptConfirmedAt().get())
                        : ALLOWED);
    }

    static Allowance mayEvaluate(Order order, Actor actor, Instant now) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER),
                () -> order.evaluation().isPresent()
                        ? Refusal.of(RefusalCode.ALREADY_EVALUATED, "the order is already evaluated")
                        : ALLOWED,
                () -> order.isComplete(now)
                        ? ALLOWED
                        : Refusal.of(RefusalCode.ORDER_NOT_COMPLETE,
                                "an order can be evaluated once it is complete: received or past its protection"
                                        + " period, with no dispute open"));
    }

    static Allowance validEvaluation(Command.Evaluate c) {
        return firstOf(() -> c.stars() < 1 || c.stars() > 5 ? invalid("stars", "stars must be 1 to 5") : ALLOWED,
                () -> text("comment", c.comment(), MAX_TEXT, false));
    }

    // ---- Rule 1 ----

    static Allowance mayApply(Order order, Actor actor, Instant now, Policy policy) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER), () -> shipped(order),
                () -> order.openDispute()
                        .<Allowance>map(d -> Refusal.of(RefusalCode.DISPUTE_ALREADY_OPEN,
                                "this order already has an open dispute", "disputeId", d.id()))
                        .orElse(ALLOWED),
                () -> order.disputes().stream()
                        .flatMap(d -> d.resolution().stream())
                        .filter(r -> r.basis() != ResolutionBasis.BUYER_CANCELLED)
                        .findFirst()
                        .<Allowance>map(r -> Refusal.of(RefusalCode.ORDER_ALREADY_SETTLED,
                                "a dispute on this order was already resolved", "resolution", r.basis()))
                        .orElse(ALLOWED),
                () -> order.disputes().size() >= policy.maxApplicationsPerOrder()
                        ? Refusal.of(RefusalCode.APPLICATION_LIMIT_REACHED,
                                "at most " + policy.maxApplicationsPerOrder() + " applications per order",
                                "maxApplicationsPerOrder", policy.maxApplicationsPerOrder())
                        : ALLOWED,
                () -> window(order, now, policy));
    }

    /** The window is [opens, closes): open at its opening instant, closed at its closing instant. */
    static Allowance window(Order order, Instant now, Policy policy) {
        Instant opens = order.applicationWindowOpensAt(policy).orElseThrow();
        Instant closes = order.applicationWindowClosesAt(policy).orElseThrow();
        if (now.isBefore(opens)) {
            return Refusal.of(RefusalCode.WINDOW_NOT_OPEN, "a refund can be applied for from " + opens,
                    "opensAt", opens);
        }
        if (!now.isBefore(closes)) {
            return Refusal.of(RefusalCode.WINDOW_CLOSED, "the application window closed at " + closes,
                    "closedAt", closes);
        }
        return ALLOWED;
    }

    static Allowance validApplication(Order order, RefundReason reason, Money amount, String description) {
        return firstOf(() -> proposedAmount(order, amount), () -> text("description", description, MAX_TEXT, false));
    }

    /** Rule 1: more than zero, at most the refundable amount, in the order's currency. */
    static Allowance proposedAmount(Order order, Money amount) {
        return firstOf(() -> currency(order, amount, "amount"),
                () -> amount.isPositive() ? ALLOWED
                        : Refusal.of(RefusalCode.AMOUNT_NOT_POSITIVE, "the proposed refund must be more than zero",
                                "field", "amount"),
                () -> notAboveRefundable(order, amount, "amount"));
    }

    // ---- Rules 2 and 3: negotiation ----

    static Allowance mayModify(Order order, Dispute d, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER), () -> negotiating(d));
    }

    static Allowance maySellerRespond(Order order, Dispute d, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.SELLER), () -> switch (d.state()) {
            case AwaitingSeller s -> ALLOWED;
            case Resolved(Resolution r) when r.basis() == ResolutionBasis.SELLER_RESPONSE_TIMEOUT ->
                    Refusal.of(RefusalCode.SELLER_RESPONSE_DEADLINE_PASSED,
                            "the seller's response time ended at " + r.at() + "; the buyer's proposal was refunded",
                            "deadline", r.at());
            case Resolved r -> resolved(d);
            case Escalated e -> escalated(d);
            case InArbitration a -> escalated(d);
            case AwaitingBuyer b -> Refusal.of(RefusalCode.NOT_AWAITING_SELLER,
                    "the seller already responded; the buyer's move");
        });
    }

    static Allowance validRejection(Dispute d, Command.RejectProposal c, Order order) {
        return firstOf(() -> text("reason", c.reason(), MAX_TEXT, true),
                () -> attachments(c.attachments()),
                () -> c.attachments().isEmpty() ? ALLOWED : evidenceRoom(d, Role.SELLER),
                () -> c.counterProposal().map(counter -> firstOf(
                        () -> currency(order, counter, "counterProposal"),
                        () -> counter.isPositive() ? ALLOWED
                                : Refusal.of(RefusalCode.AMOUNT_NOT_POSITIVE,
                                        "a counter-proposal must be more than zero; reject without one instead",
                                        "field", "counterProposal"),
                        () -> counter.compareTo(d.proposal().amount()) < 0 ? ALLOWED
                                : Refusal.of(RefusalCode.COUNTER_PROPOSAL_NOT_BELOW_PROPOSAL,
                                        "a counter-proposal must be below the buyer's proposal; accept it instead",
                                        "proposal", d.proposal().amount().minorUnits()))).orElse(ALLOWED));
    }

    static Allowance mayAcceptCounterProposal(Order order, Dispute d, Actor actor) {
        return firstOf(() -> mayBuyerAnswerRejection(order, d, actor),
                () -> d.rejection().flatMap(SellerRejection::counterProposal).isPresent() ? ALLOWED
                        : Refusal.of(RefusalCode.NO_COUNTER_PROPOSAL, "the seller made no counter-proposal"));
    }

    /** Rule 3: the buyer may escalate (or accept a counter-proposal) only after the seller rejected. */
    static Allowance mayBuyerAnswerRejection(Order order, Dispute d, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER), () -> switch (d.state()) {
            case AwaitingBuyer b -> ALLOWED;
            case AwaitingSeller s -> Refusal.of(RefusalCode.NOT_AWAITING_BUYER,
                    "possible only after the seller rejects; the seller may respond until " + s.deadline(),
                    "sellerDeadline", s.deadline());
            case Escalated e -> escalated(d);
            case InArbitration a -> escalated(d);
            case Resolved r -> resolved(d);
        });
    }

    static Allowance mayCancel(Order order, Dispute d, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER), () -> negotiating(d));
    }

    // ---- evidence and Rule 4 ----

    static Allowance mayAddEvidence(Order order, Dispute d, Actor actor) {
        return firstOf(() -> party(order, actor), () -> role(actor, Role.BUYER, Role.SELLER),
                () -> d.isOpen() ? ALLOWED : resolved(d),
                () -> evidenceRoom(d, actor.role()));
    }

    static Allowance validEvidence(Command.AddEvidence c) {
        return firstOf(() -> text("description", c.description(), MAX_TEXT, true), () -> attachments(c.attachments()));
    }

    static Allowance mayOpenArbitrationCase(Actor actor, Dispute d) {
        return firstOf(() -> role(actor, Role.SYSTEM), () -> switch (d.state()) {
            case Escalated e -> ALLOWED;
            case InArbitration a -> ALLOWED; // a repeated intake changes nothing
            case Resolved(Resolution r) when r.basis() == ResolutionBasis.ARBITRATION -> ALLOWED;
            case Resolved r -> resolved(d);
            case AwaitingSeller s -> notEscalated();
            case AwaitingBuyer b -> notEscalated();
        });
    }

    static Allowance mayRule(Dispute d, Actor actor, Instant now) {
        return firstOf(() -> role(actor, Role.ARBITRATOR), () -> switch (d.state()) {
            case InArbitration a -> {
                Instant from = d.rulingAllowedFrom().orElseThrow();
                yield now.isBefore(from)
                        ? Refusal.of(RefusalCode.EVIDENCE_PERIOD_RUNNING,
                                "the case waits for evidence until " + from + " unless both parties submit evidence",
                                "rulingAllowedFrom", from)
                        : ALLOWED;
            }
            case Escalated e -> Refusal.of(RefusalCode.CASE_NOT_OPEN, "the arbitration case is not open yet");
            case Resolved(Resolution r) when r.basis() == ResolutionBasis.ARBITRATION ->
                    Refusal.of(RefusalCode.ALREADY_RULED, "the ruling is one-time; it was made at " + r.at(),
                            "ruledAt", r.at());
            case Resolved r -> resolved(d);
            case AwaitingSeller s -> notEscalated();
            case AwaitingBuyer b -> notEscalated();
        });
    }

    static Allowance validRuling(Order order, Command.Rule c) {
        return firstOf(() -> currency(order, c.refund(), "refund"),
                () -> notAboveRefundable(order, c.refund(), "refund"),
                () -> text("statement", c.statement(), MAX_TEXT, true),
                () -> c.violation().map(v -> text("violation", v, MAX_TEXT, true)).orElse(ALLOWED));
    }

    // ---- the actions a view offers ----

    /** What this actor may do now on this order (dispute actions aside). */
    public static List<CallerAction> allowedOrderActions(Order order, Actor actor, Instant now, Policy current) {
        return List.of(
                        Map.entry(CallerAction.RECORD_SHIPMENT, mayRecordShipment(order, actor)),
                        Map.entry(CallerAction.CONFIRM_RECEIPT, mayConfirmReceipt(order, actor)),
                        Map.entry(CallerAction.EVALUATE, mayEvaluate(order, actor, now)),
                        Map.entry(CallerAction.APPLY_FOR_REFUND, mayApply(order, actor, now, current)))
                .stream().filter(e -> e.getValue().isAllowed()).map(Map.Entry::getKey).toList();
    }

    /** What this actor may do now on this dispute. */
    public static List<CallerAction> allowedDisputeActions(Order order, Dispute d, Actor actor, Instant now) {
        return List.of(
                        Map.entry(CallerAction.MODIFY_APPLICATION, mayModify(order, d, actor)),
                        Map.entry(CallerAction.ACCEPT_PROPOSAL, maySellerRespond(order, d, actor)),
                        Map.entry(CallerAction.REJECT_PROPOSAL, maySellerRespond(order, d, actor)),
                        Map.entry(CallerAction.ACCEPT_COUNTER_PROPOSAL, mayAcceptCounterProposal(order, d, actor)),
                        Map.entry(CallerAction.ESCALATE, mayBuyerAnswerRejection(order, d, actor)),
                        Map.entry(CallerAction.CANCEL, mayCancel(order, d, actor)),
                        Map.entry(CallerAction.ADD_EVIDENCE, mayAddEvidence(order, d, actor)),
                        Map.entry(CallerAction.RULE, mayRule(d, actor, now)))
                .stream().filter(e -> e.getValue().isAllowed()).map(Map.Entry::getKey).toList();
    }

    // ---- shared pieces ----

    private static Allowance shipped(Order order) {
        return order.fullyShippedAt().isPresent() ? ALLOWED
                : Refusal.of(RefusalCode.NOT_SHIPPED, "not all goods are shipped yet");
    }

    private static Allowance negotiating(Dispute d) {
        return switch (d.state()) {
            case AwaitingSeller s -> ALLOWED;
            case AwaitingBuyer b -> ALLOWED;
            case Escalated e -> escalated(d);
            case InArbitration a -> escalated(d);
            case Resolved r -> resolved(d);
        };
    }

    private static Refusal escalated(Dispute d) {
        return Refusal.of(RefusalCode.ALREADY_ESCALATED, "the dispute is with platform arbitration", "disputeId", d.id());
    }

    private static Refusal resolved(Dispute d) {
        Resolution r = d.resolution().orElseThrow();
        return new Refusal(RefusalCode.DISPUTE_RESOLVED, "the dispute was resolved at " + r.at(),
                Map.of("resolution", r.basis().name(), "resolvedAt", r.at().toString()));
    }

    private static Refusal notEscalated() {
        return Refusal.of(RefusalCode.NOT_ESCALATED, "the dispute has not been escalated to arbitration");
    }

    private static Allowance evidenceRoom(Dispute d, Role party) {
        int max = d.policy().maxEvidencePerParty();
        return d.evidenceCountOf(party) < max ? ALLOWED
                : Refusal.of(RefusalCode.EVIDENCE_LIMIT_REACHED, "at most " + max + " pieces of evidence per party",
                        "maxEvidencePerParty", max);
    }

    private static Allowance currency(Order order, Money amount, String field) {
        if (amount.sameCurrencyAs(order.amountPaid())) {
            return ALLOWED;
        }
        return new Refusal(RefusalCode.CURRENCY_MISMATCH,
                "the order is in " + order.amountPaid().currency().getCurrencyCode(),
                Map.of("field", field, "currency", order.amountPaid().currency().getCurrencyCode()));
    }

    private static Allowance notAboveRefundable(Order order, Money amount, String field) {
        Money refundable = order.refundable();
        if (!amount.isGreaterThan(refundable)) {
            return ALLOWED;
        }
        return new Refusal(RefusalCode.AMOUNT_ABOVE_REFUNDABLE,
                "at most " + refundable.minorUnits() + " can be refunded",
                Map.of("field", field, "refundable", Long.toString(refundable.minorUnits())));
    }

    static Allowance attachments(List<String> refs) {
        if (refs.size() > MAX_ATTACHMENTS) {
            return invalid("attachments", "at most " + MAX_ATTACHMENTS + " attachments");
        }
        Optional<String> bad = refs.stream()
                .filter(r -> r.isBlank() || r.length() > MAX_ATTACHMENT_REF).findFirst();
        return bad.isPresent()
                ? invalid("attachments", "an attachment reference is blank or longer than " + MAX_ATTACHMENT_REF)
                : ALLOWED;
    }

    private static Allowance text(String field, String value, int max, boolean required) {
        if (required && value.isBlank()) {
            return invalid(field, field + " is required");
        }
        if (value.length() > max) {
            return invalid(field, field + " is longer than " + max + " characters");
        }
        return ALLOWED;
    }

    private static Refusal invalid(String field, String message) {
        return Refusal.of(RefusalCode.INVALID_INPUT, message, "field", field);
    }
}
