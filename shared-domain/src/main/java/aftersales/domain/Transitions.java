package aftersales.domain;

import static aftersales.domain.OrderDesk.details;

import aftersales.domain.Command.AcceptCounterProposal;
import aftersales.domain.Command.AcceptProposal;
import aftersales.domain.Command.AddEvidence;
import aftersales.domain.Command.ApplyForRefund;
import aftersales.domain.Command.CancelDispute;
import aftersales.domain.Command.Escalate;
import aftersales.domain.Command.ModifyApplication;
import aftersales.domain.Command.OnDispute;
import aftersales.domain.Command.OpenArbitrationCase;
import aftersales.domain.Command.RejectProposal;
import aftersales.domain.Command.Rule;
import aftersales.domain.DisputeState.AwaitingBuyer;
import aftersales.domain.DisputeState.AwaitingSeller;
import aftersales.domain.DisputeState.Escalated;
import aftersales.domain.DisputeState.InArbitration;
import aftersales.domain.DisputeState.Resolved;
import aftersales.domain.Effect.IssueRefund;
import aftersales.domain.Effect.RecordPenalty;
import aftersales.domain.Effect.SendToArbitration;
import aftersales.domain.HistoryEntry.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What each allowed command does to an order. Only called after {@link Rules} allowed it. */
final class Transitions {

    private Transitions() {
    }

    /** Rule 1 and 3: a new dispute; the seller's clock and the escalation clock start now. */
    static Order file(Order order, Actor buyer, ApplyForRefund c, Instant now, Policy policy) {
        DisputeId id = new DisputeId(order.id(), order.disputes().size() + 1);
        Instant deliveryLimit = order.deliveryTimeLimitExpiresAt().orElseThrow();
        boolean onDeliveryLimit = c.reason() == RefundReason.GOODS_IN_TRANSIT && deliveryLimit.isAfter(now);
        Instant escalatesAt = onDeliveryLimit ? deliveryLimit : now.plus(policy.negotiationPeriod());
        EscalationBasis escalatesOn = onDeliveryLimit
                ? EscalationBasis.DELIVERY_TIME_LIMIT_EXPIRED : EscalationBasis.NEGOTIATION_PERIOD_ENDED;
        Proposal proposal = new Proposal(c.reason(), c.amount(), c.returnGoods(), c.description(), now);
        Dispute d = new Dispute(id, policy, now, proposal, Optional.empty(),
                new AwaitingSeller(now.plus(policy.sellerResponseTime())), escalatesAt, escalatesOn, List.of(),
                List.of(entry(now, buyer, Action.APPLICATION_FILED, proposalDetails(proposal))));
        if (!c.attachments().isEmpty()) {
            d = d.withEvidence(new Evidence(Role.BUYER, buyer.id(), "attached to the application", c.attachments(), now));
        }
        return order.withDispute(d);
    }

    static Step onDispute(Order order, Dispute d, Actor actor, OnDispute command, Instant now) {
        return switch (command) {
            case ModifyApplication c -> {
                Proposal p = new Proposal(c.reason(), c.amount(), c.returnGoods(), c.description(), now);
                yield Step.of(order.withDispute(d.withProposal(p)
                        .withState(new AwaitingSeller(now.plus(d.policy().sellerResponseTime())))
                        .record(entry(now, actor, Action.APPLICATION_MODIFIED, proposalDetails(p)))));
            }
            case AcceptProposal c -> resolve(order, d, ResolutionBasis.SELLER_ACCEPTED, d.proposal().amount(), now,
                    Optional.empty(), entry(now, actor, Action.SELLER_ACCEPTED, money("refund", d.proposal().amount())));
            case RejectProposal c -> {
                SellerRejection r = new SellerRejection(c.reason(), c.counterProposal(), now);
                Dispute next = d.withRejection(r).withState(new AwaitingBuyer());
                if (!c.attachments().isEmpty()) {
                    next = next.withEvidence(new Evidence(Role.SELLER, actor.id(), "attached to the rejection",
                            c.attachments(), now));
                }
                var facts = details("reason", c.reason());
                c.counterProposal().ifPresent(m -> facts.putAll(money("counterProposal", m)));
                yield Step.of(order.withDispute(next.record(entry(now, actor, Action.SELLER_REJECTED, facts))));
            }
            case AcceptCounterProposal c -> {
                Money counter = d.rejection().flatMap(SellerRejection::counterProposal).orElseThrow();
                yield resolve(order, d, ResolutionBasis.COUNTER_PROPOSAL_ACCEPTED, counter, now, Optional.empty(),
                        entry(now, actor, Action.COUNTER_PROPOSAL_ACCEPTED, money("refund", counter)));
            }
            case Escalate c -> escalate(order, d, EscalationBasis.BUYER_REQUEST, now, actor);
            case CancelDispute c -> resolve(order, d, ResolutionBasis.BUYER_CANCELLED,
                    Money.zero(order.amountPaid().currency()), now, Optional.empty(),
                    entry(now, actor, Action.CANCELLED, details()));
            case AddEvidence c -> Step.of(order.withDispute(d
                    .withEvidence(new Evidence(actor.role(), actor.id(), c.description(), c.attachments(), now))
                    .record(entry(now, actor, Action.EVIDENCE_ADDED,
                            details("party", actor.role(), "attachments", c.attachments().size())))));
            case OpenArbitrationCase c -> d.state() instanceof Escalated(EscalationBasis basis, Instant at)
                    ? Step.of(order.withDispute(d.withState(new InArbitration(basis, at, now))
                            .record(entry(now, actor, Action.ARBITRATION_CASE_OPENED, details("escalatedAt", at)))))
                    : Step.of(order);
            case Rule c -> rule(order, d, actor, c, now);
        };
    }

    /** Rule 3: hand over to arbitration; the queue message is owed in the same step. */
    static Step escalate(Order order, Dispute d, EscalationBasis basis, Instant at, Actor actor) {
        Dispute next = d.withState(new Escalated(basis, at))
                .record(entry(at, actor, Action.ESCALATED, details("basis", basis)));
        return new Step(order.withDispute(next), List.of(new SendToArbitration(d.id(), basis, at)));
    }

    /** Rule 4: the one-time ruling; a violation penalises the seller in the same step. */
    private static Step rule(Order order, Dispute d, Actor arbitrator, Rule c, Instant now) {
        Ruling ruling = new Ruling(arbitrator.id(), c.refund(), c.violation(), c.statement(), now);
        var facts = money("refund", c.refund());
        facts.put("sellerViolated", Boolean.toString(ruling.sellerViolated()));
        c.violation().ifPresent(v -> facts.put("violation", v));
        Step step = resolve(order, d, ResolutionBasis.ARBITRATION, c.refund(), now, Optional.of(ruling),
                entry(now, arbitrator, Action.RULED, facts));
        if (c.violation().isEmpty()) {
            return step;
        }
        Penalty penalty = new Penalty(Penalty.idFor(d.id()), order.sellerId(), d.id(),
                d.policy().penaltyPointsPerViolation(), c.violation().get(), now);
        List<Effect> effects = new ArrayList<>(step.effects());
        effects.add(new RecordPenalty(penalty));
        return new Step(step.order(), effects);
    }

    /** The one resolution of a dispute; a non-zero refund is owed as exactly one instruction. */
    static Step resolve(Order order, Dispute d, ResolutionBasis basis, Money refund, Instant at,
                        Optional<Ruling> ruling, HistoryEntry entry) {
        Resolution resolution = new Resolution(basis, refund, at, ruling);
        Order next = order.withDispute(d.withState(new Resolved(resolution)).record(entry));
        if (refund.isZero()) {
            return Step.of(next);
        }
        RefundInstruction instruction = new RefundInstruction(RefundInstruction.idFor(d.id()), d.id(),
                order.buyerId(), order.sellerId(), refund, basis, at);
        return new Step(next.withRefunded(refund), List.of(new IssueRefund(instruction)));
    }

    private static HistoryEntry entry(Instant at, Actor actor, Action action, java.util.Map<String, String> facts) {
        return new HistoryEntry(at, actor.role(), actor.id(), action, facts);
    }

    private static java.util.LinkedHashMap<String, String> proposalDetails(Proposal p) {
        var facts = details("reason", p.reason());
        facts.putAll(money("amount", p.amount()));
        facts.put("returnGoods", Boolean.toString(p.returnGoods()));
        return facts;
    }

    private static java.util.LinkedHashMap<String, String> money(String key, Money m) {
        return details(key, m.minorUnits(), "currency", m.currency().getCurrencyCode());
    }
}
