package aftersales.domain;

import aftersales.domain.Command.AcceptCounterProposal;
import aftersales.domain.Command.AcceptProposal;
import aftersales.domain.Command.AddEvidence;
import aftersales.domain.Command.ApplyDueDeadlines;
import aftersales.domain.Command.ApplyForRefund;
import aftersales.domain.Command.CancelDispute;
import aftersales.domain.Command.ConfirmReceipt;
import aftersales.domain.Command.Escalate;
import aftersales.domain.Command.Evaluate;
import aftersales.domain.Command.ModifyApplication;
import aftersales.domain.Command.OnDispute;
import aftersales.domain.Command.OpenArbitrationCase;
import aftersales.domain.Command.RecordShipment;
import aftersales.domain.Command.RejectProposal;
import aftersales.domain.Command.Rule;
import aftersales.domain.Effect.CancelDeadline;
import aftersales.domain.Effect.ScheduleDeadline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one way to change an order: {@link #decide} applies every deadline that is due, judges the command
 * against {@link Rules}, applies it, and names the side effects owed. Pure: the instant comes in as an
 * argument, and nothing is performed.
 */
public final class OrderDesk {

    private OrderDesk() {
    }

    /** The platform registers an order it has taken payment for. */
    public static Registration register(Actor actor, String orderId, String buyerId, String sellerId,
                                        Money amountPaid, int deliveryTimeLimitDays, Instant now) {
        Allowance a = Allowance.firstOf(
                () -> Rules.role(actor, Role.PLATFORM),
                () -> OrderId.isValid(orderId) ? Allowance.ALLOWED
                        : Refusal.of(RefusalCode.INVALID_INPUT,
                                "orderId: 1 to 64 letters, digits, '-' or '_'", "field", "orderId"),
                () -> party("buyerId", buyerId),
                () -> party("sellerId", sellerId),
                () -> buyerId.equals(sellerId)
                        ? Refusal.of(RefusalCode.INVALID_INPUT, "buyer and seller must differ", "field", "sellerId")
                        : Allowance.ALLOWED,
                () -> amountPaid.isPositive() ? Allowance.ALLOWED
                        : Refusal.of(RefusalCode.AMOUNT_NOT_POSITIVE, "the amount paid must be more than zero",
                                "field", "amountPaid"),
                () -> deliveryTimeLimitDays >= 1 && deliveryTimeLimitDays <= Order.MAX_DELIVERY_TIME_LIMIT_DAYS
                        ? Allowance.ALLOWED
                        : Refusal.of(RefusalCode.INVALID_INPUT,
                                "deliveryTimeLimitDays: 1 to " + Order.MAX_DELIVERY_TIME_LIMIT_DAYS,
                                "field", "deliveryTimeLimitDays"));
        if (a instanceof Refusal r) {
            return new Registration.NotRegistered(r);
        }
        return new Registration.Registered(new Order(orderId, buyerId, sellerId, amountPaid, deliveryTimeLimitDays,
                now, List.of(), Optional.empty(), Optional.empty(), Money.zero(amountPaid.currency()), List.of(),
                Optional.empty()));
    }

    private static Allowance party(String field, String id) {
        return id != null && !id.isBlank() && id.length() <= Rules.MAX_SHORT_TEXT ? Allowance.ALLOWED
                : Refusal.of(RefusalCode.INVALID_INPUT, field + " is required (at most 200 characters)", "field", field);
    }

    /** The order as it stands at {@code now}: every due deadline applied. For reads; nothing is owed to store. */
    public static Order at(Order order, Instant now) {
        return Deadlines.applyDue(order, now).order();
    }

    /**
     * Judges and applies one command at {@code now}. Due deadlines act first (a seller response at its
     * deadline instant meets a dispute already refunded), so the outcome never depends on when a timer fired.
     *
     * @param current the policy in force now; a new dispute keeps it, older disputes keep their own
     */
    public static Decision decide(Order order, Actor actor, Command command, Instant now, Policy current) {
        Step due = Deadlines.applyDue(order, now);
        Allowance allowance = check(due.order(), actor, command, now, current);
        if (allowance instanceof Refusal refusal) {
            return finish(order, due, now, Optional.of(refusal));
        }
        return finish(order, due.then(apply(due.order(), actor, command, now, current)), now, Optional.empty());
    }

    private static Decision finish(Order before, Step step, Instant now, Optional<Refusal> refusal) {
        List<Effect> effects = new ArrayList<>(step.effects());
        effects.addAll(scheduleChanges(before, step.order(), now));
        return new Decision(step.order(), !step.order().equals(before), effects, refusal);
    }

    /**
     * Triggers follow deadlines: a new deadline gets one; one that went away before it was due loses its own.
     * Deadlines that passed need nothing: their trigger finds nothing left to do.
     */
    private static List<Effect> scheduleChanges(Order before, Order after, Instant now) {
        List<Effect> changes = new ArrayList<>();
        for (Dispute d : after.disputes()) {
            Set<Deadline> was = new HashSet<>(before.dispute(d.id()).map(Dispute::openDeadlines).orElse(List.of()));
            Set<Deadline> is = new HashSet<>(d.openDeadlines());
            for (Deadline deadline : d.openDeadlines()) {
                if (!was.contains(deadline)) {
                    changes.add(new ScheduleDeadline(d.id(), deadline));
                }
            }
            before.dispute(d.id()).ifPresent(old -> old.openDeadlines().stream()
                    .filter(deadline -> !is.contains(deadline) && deadline.at().isAfter(now))
                    .forEach(deadline -> changes.add(new CancelDeadline(d.id(), deadline))));
        }
        return changes;
    }

    private static Allowance check(Order order, Actor actor, Command command, Instant now, Policy current) {
        // strangers learn nothing, whatever they ask
        Allowance party = Rules.party(order, actor);
        if (party instanceof Refusal) {
            return party;
        }
        if (command instanceof OnDispute onDispute) {
            Optional<Dispute> found = order.dispute(onDispute.disputeId());
            if (found.isEmpty()) {
                return Refusal.of(RefusalCode.NO_SUCH_DISPUTE, "no such dispute", "disputeId", onDispute.disputeId());
            }
            return checkOnDispute(order, found.get(), actor, onDispute, now);
        }
        return switch (command) {
            case RecordShipment c -> Allowance.firstOf(() -> Rules.mayRecordShipment(order, actor),
                    () -> Rules.validShipment(c, now));
            case ConfirmReceipt c -> Rules.mayConfirmReceipt(order, actor);
            case Evaluate c -> Allowance.firstOf(() -> Rules.mayEvaluate(order, actor, now),
                    () -> Rules.validEvaluation(c));
            case ApplyForRefund c -> Allowance.firstOf(() -> Rules.mayApply(order, actor, now, current),
                    () -> Rules.validApplication(order, c.reason(), c.amount(), c.description()),
                    () -> Rules.attachments(c.attachments()));
            case ApplyDueDeadlines c -> Rules.role(actor, Role.SYSTEM);
            case OnDispute c -> throw new AssertionError("handled above");
        };
    }

    private static Allowance checkOnDispute(Order order, Dispute d, Actor actor, OnDispute command, Instant now) {
        return switch (command) {
            case ModifyApplication c -> Allowance.firstOf(() -> Rules.mayModify(order, d, actor),
                    () -> Rules.validApplication(order, c.reason(), c.amount(), c.description()));
            case AcceptProposal c -> Rules.maySellerRespond(order, d, actor);
            case RejectProposal c -> Allowance.firstOf(() -> Rules.maySellerRespond(order, d, actor),
                    () -> Rules.validRejection(d, c, order));
            case AcceptCounterProposal c -> Rules.mayAcceptCounterProposal(order, d, actor);
            case Escalate c -> Rules.mayBuyerAnswerRejection(order, d, actor);
            case CancelDispute c -> Rules.mayCancel(order, d, actor);
            case AddEvidence c -> Allowance.firstOf(() -> Rules.mayAddEvidence(order, d, actor),
                    () -> Rules.validEvidence(c));
            case OpenArbitrationCase c -> Rules.mayOpenArbitrationCase(actor, d);
            case Rule c -> Allowance.firstOf(() -> Rules.mayRule(d, actor, now), () -> Rules.validRuling(order, c));
        };
    }

    private static Step apply(Order order, Actor actor, Command command, Instant now, Policy current) {
        return switch (command) {
            case RecordShipment c -> Step.of(order.withShipment(
                    new Shipment(c.carrier(), c.trackingNumber(), c.shippedAt(), now), c.allGoodsShipped(), now));
            case ConfirmReceipt c -> Step.of(order.withReceiptConfirmed(now));
            case Evaluate c -> Step.of(order.withEvaluation(new Evaluation(c.stars(), c.comment(), now)));
            case ApplyForRefund c -> Step.of(Transitions.file(order, actor, c, now, current));
            case ApplyDueDeadlines c -> Step.of(order);
            case OnDispute c -> {
                Dispute d = order.dispute(c.disputeId()).orElseThrow();
                yield Transitions.onDispute(order, d, actor, c, now);
            }
        };
    }

    static java.util.LinkedHashMap<String, String> details(Object... keyValues) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return map;
    }
}
