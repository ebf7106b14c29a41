package aftersales.domain;

import static aftersales.domain.SequenceDriver.rel;
import static aftersales.domain.SequenceDriver.show;

import aftersales.domain.CommandSequences.Act;
import aftersales.domain.CommandSequences.Move;
import aftersales.domain.CommandSequences.Run;
import aftersales.domain.Effect.IssueRefund;
import aftersales.domain.Effect.RecordPenalty;
import aftersales.domain.HistoryEntry.Action;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;

/**
 * The invariants of {@link OrderDesk#decide} checked by {@link DisputeInvariantsProperties} and
 * {@link DisputeDeadlineProperties}: {@link #drive} runs a random command sequence and checks one family of
 * invariants ({@link Inv}) after every step.
 */
final class Invariants {

    static final int MAX_MOVES = 40;
    static final int TRIES = 2500;
    private static final Set<Action> RESOLVING = EnumSet.of(Action.SELLER_ACCEPTED, Action.COUNTER_PROPOSAL_ACCEPTED,
            Action.CANCELLED, Action.SELLER_RESPONSE_TIMED_OUT, Action.RULED);

    private Invariants() {
    }

    /** The random command sequences every property runs. */
    static Arbitrary<Run> runs() {
        return CommandSequences.runs(MAX_MOVES);
    }

    /** The invariant families; each property checks one. */
    enum Inv {
        RESOLUTION_STABLE, REFUND_BOUNDS, REFUND_EFFECTS, ENTITLEMENT, STRANGER_NOT_FOUND, STRANGER_TICK_NOT_FOUND,
        DEADLINES_AFTER_NOW,
        HISTORY_GROWS, REFUSAL_WRITES_NOTHING, DISPUTE_LIMITS, PENALTIES, DUE_IDEMPOTENT
    }

    // ---- the driver ----

    static SequenceDriver drive(Run run, Inv inv) {
        SequenceDriver d = new SequenceDriver(run.start());
        for (int i = 0; i < run.moves().size(); i++) {
            Move m = run.moves().get(i);
            if (m instanceof Act act) {
                Actor actor = CommandSequences.actor(act, d.order);
                Command command = CommandSequences.command(act, d.order, d.now);
                Order before = d.order;
                int effectsBefore = d.effects.size();
                Decision dueOnly = OrderDesk.decide(before, Actor.SYSTEM, new Command.ApplyDueDeadlines(), d.now,
                        d.policy);
                Decision decision = d.decide(actor, command);
                check(inv, new Ctx(d, i, before, actor, command, decision, dueOnly,
                        d.effects.subList(effectsBefore, d.effects.size())));
            } else {
                Instant t = CommandSequences.clock(m, d.order, d.now, d.policy);
                d.trace.add("#" + d.trace.size() + " clock " + rel(d.now) + " -> " + rel(t) + "   (" + m + ")");
                d.now = t;
            }
        }
        return d;
    }

    /** One decision and what surrounds it. {@code stepEffects} are the effects of {@code decision}. */
    record Ctx(SequenceDriver d, int move, Order before, Actor actor, Command command, Decision decision,
               Decision dueOnly, List<Effect> stepEffects) {
        Order after() {
            return decision.order();
        }

        Instant now() {
            return d.now;
        }
    }

    private static void check(Inv inv, Ctx c) {
        switch (inv) {
            case RESOLUTION_STABLE -> resolutionStable(c);
            case REFUND_BOUNDS -> refundBounds(c);
            case REFUND_EFFECTS -> refundEffects(c);
            case ENTITLEMENT -> entitlement(c);
            case STRANGER_NOT_FOUND -> {
                if (!(c.command() instanceof Command.ApplyDueDeadlines)) {
                    strangerNotFound(c);
                }
            }
            case STRANGER_TICK_NOT_FOUND -> {
                if (c.command() instanceof Command.ApplyDueDeadlines) {
                    strangerNotFound(c);
                }
            }
            case DEADLINES_AFTER_NOW -> deadlinesAfterNow(c);
            case HISTORY_GROWS -> historyGrows(c);
            case REFUSAL_WRITES_NOTHING -> refusalWritesNothing(c);
            case DISPUTE_LIMITS -> disputeLimits(c);
            case PENALTIES -> penalties(c);
            case DUE_IDEMPOTENT -> dueIdempotent(c);
        }
    }

    // ---- the invariants ----

    private static void resolutionStable(Ctx c) {
        for (Dispute was : c.before().disputes()) {
            Optional<Resolution> now = c.after().dispute(was.id()).flatMap(Dispute::resolution);
            was.resolution().ifPresent(r -> c.d().require(now.equals(Optional.of(r)),
                    () -> "dispute " + was.id() + " was resolved as " + r + " but is now " + now));
        }
        for (Dispute x : c.after().disputes()) {
            long resolving = x.history().stream().filter(h -> RESOLVING.contains(h.action())).count();
            c.d().require(resolving == (x.resolution().isPresent() ? 1 : 0),
                    () -> "dispute " + x.id() + " has " + resolving + " resolving history entries, resolution "
                            + x.resolution() + ", history " + x.history());
        }
    }

    private static void refundBounds(Ctx c) {
        Order after = c.after();
        c.d().require(!after.refunded().isGreaterThan(after.amountPaid()),
                () -> "refunded " + after.refunded() + " exceeds amount paid " + after.amountPaid());
        long sum = after.disputes().stream().flatMap(x -> x.resolution().stream())
                .mapToLong(r -> r.refund().minorUnits()).sum();
        c.d().require(after.refunded().minorUnits() == sum,
                () -> "order.refunded " + after.refunded() + " differs from the sum of resolution refunds " + sum);
        long newly = 0;
        for (Dispute x : after.disputes()) {
            boolean wasResolved = c.before().dispute(x.id()).flatMap(Dispute::resolution).isPresent();
            if (x.resolution().isEmpty() || wasResolved) {
                continue;
            }
            Money refund = x.resolution().get().refund();
            c.d().require(refund.sameCurrencyAs(after.amountPaid()),
                    () -> "dispute " + x.id() + " resolved with a refund in another currency: " + refund);
            c.d().require(!refund.isGreaterThan(c.before().refundable()),
                    () -> "dispute " + x.id() + " resolved with refund " + refund + " above the refundable "
                            + c.before().refundable());
            newly += refund.minorUnits();
        }
        long newlyTotal = newly;
        c.d().require(newlyTotal <= c.before().refundable().minorUnits(),
                () -> "this step resolved refunds of " + newlyTotal + " but only " + c.before().refundable()
                        + " was refundable");
    }

    private static void refundEffects(Ctx c) {
        List<IssueRefund> all = c.d().effectsOf(IssueRefund.class);
        Set<String> ids = new HashSet<>();
        for (IssueRefund r : all) {
            c.d().require(ids.add(r.instruction().id()), () -> "refund instruction id issued twice: "
                    + r.instruction().id() + " among " + all);
        }
        int expected = 0;
        for (Dispute x : c.after().disputes()) {
            List<IssueRefund> mine = all.stream().filter(r -> r.instruction().disputeId().equals(x.id())).toList();
            Optional<Resolution> res = x.resolution();
            if (res.isPresent() && res.get().refund().isPositive()) {
                expected++;
                Resolution r = res.get();
                c.d().require(mine.size() == 1, () -> "dispute " + x.id() + " resolved as " + r + " has "
                        + mine.size() + " refund instructions: " + mine);
                RefundInstruction ins = mine.getFirst().instruction();
                c.d().require(ins.amount().equals(r.refund()) && ins.basis() == r.basis() && ins.at().equals(r.at())
                                && ins.buyerId().equals(c.after().buyerId())
                                && ins.sellerId().equals(c.after().sellerId()),
                        () -> "refund instruction " + ins + " does not match resolution " + r);
            } else {
                c.d().require(mine.isEmpty(), () -> "dispute " + x.id() + " with resolution " + res
                        + " has refund instructions " + mine);
            }
        }
        int expectedTotal = expected;
        c.d().require(all.size() == expectedTotal, () -> all.size() + " refund instructions for " + expectedTotal
                + " resolutions with a non-zero refund: " + all);
    }

    private static void entitlement(Ctx c) {
        if (!c.decision().accepted()) {
            return;
        }
        Order o = c.before();
        Actor a = c.actor();
        boolean buyer = a.is(Role.BUYER) && a.id().equals(o.buyerId());
        boolean seller = a.is(Role.SELLER) && a.id().equals(o.sellerId());
        boolean entitled = switch (c.command()) {
            case Command.RecordShipment x -> seller;
            case Command.AcceptProposal x -> seller;
            case Command.RejectProposal x -> seller;
            case Command.ConfirmReceipt x -> buyer;
            case Command.Evaluate x -> buyer;
            case Command.ApplyForRefund x -> buyer;
            case Command.ModifyApplication x -> buyer;
            case Command.AcceptCounterProposal x -> buyer;
            case Command.Escalate x -> buyer;
            case Command.CancelDispute x -> buyer;
            case Command.AddEvidence x -> buyer || seller;
            case Command.OpenArbitrationCase x -> a.is(Role.SYSTEM);
            case Command.ApplyDueDeadlines x -> a.is(Role.SYSTEM);
            case Command.Rule x -> a.is(Role.ARBITRATOR);
        };
        c.d().require(entitled, () -> "accepted " + c.command() + " from " + a + ", who is not entitled to it");
    }

    private static void strangerNotFound(Ctx c) {
        Actor a = c.actor();
        boolean stranger = (a.is(Role.BUYER) || a.is(Role.SELLER)) && !c.before().isParty(a);
        boolean strangerById = (a.is(Role.BUYER) && !a.id().equals(c.before().buyerId()))
                || (a.is(Role.SELLER) && !a.id().equals(c.before().sellerId()));
        c.d().require(stranger == strangerById, () -> "Order.isParty disagrees about " + a);
        if (strangerById) {
            Optional<RefusalCode> code = c.decision().refusal().map(Refusal::code);
            c.d().require(code.equals(Optional.of(RefusalCode.NOT_A_PARTY)),
                    () -> "a stranger " + a + " sending " + c.command() + " got " + show(code)
                            + " instead of NOT_A_PARTY" + c.decision().refusal().map(r -> " (" + r + ")").orElse(""));
        }
    }

    private static void deadlinesAfterNow(Ctx c) {
        for (Decision decision : List.of(c.decision(), c.dueOnly())) {
            for (Dispute x : decision.order().disputes()) {
                for (Deadline deadline : x.openDeadlines()) {
                    c.d().require(deadline.at().isAfter(c.now()), () -> "after " + c.command() + " at " + rel(c.now())
                            + " dispute " + x.id() + " (" + x.status() + ") still has the open deadline " + deadline
                            + " at " + rel(deadline.at()));
                }
            }
        }
    }

    private static void historyGrows(Ctx c) {
        List<Dispute> was = c.before().disputes();
        List<Dispute> is = c.after().disputes();
        c.d().require(is.size() >= was.size(), () -> "the order lost disputes: " + was.size() + " -> " + is.size());
        for (int i = 0; i < was.size(); i++) {
            Dispute old = was.get(i);
            Dispute now = is.get(i);
            c.d().require(now.id().equals(old.id()) && now.firstFiledAt().equals(old.firstFiledAt()),
                    () -> "dispute " + old.id() + " was replaced by " + now.id());
            c.d().require(now.history().size() >= old.history().size()
                            && now.history().subList(0, old.history().size()).equals(old.history()),
                    () -> "dispute " + old.id() + " history was rewritten:\nwas " + old.history() + "\nnow "
                            + now.history());
            c.d().require(now.evidence().size() >= old.evidence().size()
                            && now.evidence().subList(0, old.evidence().size()).equals(old.evidence()),
                    () -> "dispute " + old.id() + " evidence was rewritten");
        }
        for (Dispute x : is) {
            Instant previous = Instant.MIN;
            for (HistoryEntry h : x.history()) {
                Instant prev = previous;
                c.d().require(!h.at().isBefore(prev) && !h.at().isAfter(c.now()),
                        () -> "dispute " + x.id() + " history entry " + h + " at " + rel(h.at())
                                + " is out of order (previous " + (prev == Instant.MIN ? "-" : rel(prev))
                                + ") or in the future of the decision at " + rel(c.now()));
                previous = h.at();
            }
            x.resolution().ifPresent(r -> c.d().require(!r.at().isAfter(c.now()),
                    () -> "dispute " + x.id() + " resolved in the future: " + r + " decided at " + rel(c.now())));
        }
        for (int i = 0; i < is.size(); i++) {
            int n = i + 1;
            c.d().require(is.get(i).id().number() == n && is.get(i).id().orderId().equals(c.after().id()),
                    () -> "dispute at position " + n + " has id " + is.get(n - 1).id());
        }
    }

    private static void refusalWritesNothing(Ctx c) {
        if (c.decision().accepted()) {
            return;
        }
        c.d().require(c.decision().order().equals(c.dueOnly().order()),
                () -> "refused " + c.command() + " by " + c.actor() + " (" + c.decision().refusal().orElseThrow()
                        + ") left\n" + c.decision().order() + "\nbut applying due deadlines alone gives\n"
                        + c.dueOnly().order());
        c.d().require(c.decision().effects().equals(c.dueOnly().effects()),
                () -> "refused " + c.command() + " owes effects " + c.decision().effects()
                        + " but applying due deadlines alone owes " + c.dueOnly().effects());
        c.d().require(c.decision().changed() == c.dueOnly().changed(),
                () -> "refused " + c.command() + " reports changed=" + c.decision().changed());
    }

    private static void disputeLimits(Ctx c) {
        Order o = c.after();
        long open = o.disputes().stream().filter(Dispute::isOpen).count();
        c.d().require(open <= 1, () -> open + " open disputes on one order: " + o.disputes());
        c.d().require(o.disputes().size() <= c.d().policy.maxApplicationsPerOrder(),
                () -> o.disputes().size() + " disputes, more than the policy's "
                        + c.d().policy.maxApplicationsPerOrder());
    }

    private static void penalties(Ctx c) {
        Order o = c.after();
        Map<DisputeId, Integer> perDispute = new HashMap<>();
        for (RecordPenalty p : c.d().effectsOf(RecordPenalty.class)) {
            DisputeId id = p.penalty().disputeId();
            int n = perDispute.merge(id, 1, Integer::sum);
            c.d().require(n == 1, () -> "more than one penalty for dispute " + id);
            Optional<Resolution> r = o.dispute(id).flatMap(Dispute::resolution);
            c.d().require(r.isPresent() && r.get().basis() == ResolutionBasis.ARBITRATION
                            && r.get().ruling().flatMap(Ruling::violation).equals(Optional.of(p.penalty().reason())),
                    () -> "penalty " + p.penalty() + " does not go with a violation ruling; resolution " + r);
            c.d().require(p.penalty().sellerId().equals(o.sellerId()),
                    () -> "penalty " + p.penalty() + " against someone other than the seller " + o.sellerId());
        }
        for (Dispute x : o.disputes()) {
            boolean violation = x.resolution().flatMap(Resolution::ruling).map(Ruling::sellerViolated).orElse(false);
            c.d().require(violation == perDispute.containsKey(x.id()), () -> "dispute " + x.id() + " resolved as "
                    + x.resolution() + " but penalties recorded: " + perDispute.getOrDefault(x.id(), 0));
        }
        for (Effect e : c.stepEffects()) {
            if (e instanceof RecordPenalty p) {
                boolean wasResolved = c.before().dispute(p.penalty().disputeId()).flatMap(Dispute::resolution)
                        .isPresent();
                c.d().require(!wasResolved && c.command() instanceof Command.Rule,
                        () -> "penalty " + p.penalty() + " owed by " + c.command() + ", not in the ruling's step");
            }
        }
    }

    private static void dueIdempotent(Ctx c) {
        for (Decision first : List.of(c.dueOnly(), c.decision())) {
            Decision again = OrderDesk.decide(first.order(), Actor.SYSTEM, new Command.ApplyDueDeadlines(), c.now(),
                    c.d().policy);
            c.d().require(again.accepted(), () -> "ApplyDueDeadlines by the system refused: " + again.refusal());
            c.d().require(again.order().equals(first.order()) && !again.changed(),
                    () -> "applying due deadlines again at " + rel(c.now()) + " changed the order:\n" + first.order()
                            + "\n->\n" + again.order());
            c.d().require(again.effects().isEmpty(),
                    () -> "applying due deadlines again at " + rel(c.now()) + " owes " + again.effects());
        }
    }
}
