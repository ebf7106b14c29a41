package aftersales.domain;

import static aftersales.domain.Invariants.TRIES;
import static aftersales.domain.Invariants.drive;

import aftersales.domain.CommandSequences.Run;
import aftersales.domain.Effect.IssueRefund;
import aftersales.domain.Invariants.Inv;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of {@link OrderDesk#decide} over random command sequences (see {@link CommandSequences}): random
 * clock moves (including exact landings on deadlines and one second either side) and commands from the right
 * parties, strangers, arbitrators, the platform and the system, covering every {@link Command} type.
 *
 * <p>Every invariant is checked after every step; each property runs the same sequences but checks one family
 * of invariants ({@link Invariants}), so a failure names the broken rule and shrinks on its own. This class holds
 * the resolution, refund, party and penalty invariants; the deadline and time invariants are in
 * {@link DisputeDeadlineProperties}.

 */
class DisputeInvariantsProperties {

    @Provide
    Arbitrary<Run> runs() {
        return Invariants.runs();
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void atMostOneResolutionPerDisputeAndItNeverChanges(@ForAll("runs") Run run) {
        SequenceDriver d = drive(run, Inv.RESOLUTION_STABLE);
        d.order.disputes().forEach(x -> Statistics.label("resolution")
                .collect(x.resolution().map(r -> r.basis().name()).orElse(x.status().name())));
        // The generator must reach deep states often enough for the invariants to mean something.
        for (ResolutionBasis basis : ResolutionBasis.values()) {
            boolean reached = d.order.disputes().stream()
                    .anyMatch(x -> x.resolution().map(r -> r.basis() == basis).orElse(false));
            Statistics.label("run reaches " + basis).collect(reached);
            Statistics.label("run reaches " + basis).coverage(c -> c.check(true).percentage(p -> p > 0.3));
        }
        Statistics.label("run has 2 disputes").collect(d.order.disputes().size() == 2);
        Statistics.label("run has 2 disputes").coverage(c -> c.check(true).percentage(p -> p > 0.1));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void refundsStayWithinWhatWasPaid(@ForAll("runs") Run run) {
        drive(run, Inv.REFUND_BOUNDS);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void exactlyOneRefundInstructionPerNonZeroResolution(@ForAll("runs") Run run) {
        SequenceDriver d = drive(run, Inv.REFUND_EFFECTS);
        Statistics.label("refund instructions").collect(d.effectsOf(IssueRefund.class).size());
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void onlyEntitledActorsGetCommandsAccepted(@ForAll("runs") Run run) {
        drive(run, Inv.ENTITLEMENT);
    }

    /**
     * Buyers and sellers of other orders are told nothing exists (Rules.party): every order or dispute command of
     * theirs is refused with NOT_A_PARTY. (ApplyDueDeadlines has its own property below.)
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void strangersAreToldTheOrderDoesNotExist(@ForAll("runs") Run run) {
        drive(run, Inv.STRANGER_NOT_FOUND);
    }

    /**
     * The same for the system's own command: a stranger learns nothing from it either. (This property found
     * {@code OrderDesk.check} judging {@code ApplyDueDeadlines} by role alone, which told strangers with
     * ROLE_NOT_ALLOWED that the order exists; every command now meets the party check first.)
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void strangersTickingDeadlinesAreToldTheOrderDoesNotExist(@ForAll("runs") Run run) {
        drive(run, Inv.STRANGER_TICK_NOT_FOUND);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void historiesAndDisputeListsOnlyGrow(@ForAll("runs") Run run) {
        drive(run, Inv.HISTORY_GROWS);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void atMostOneOpenDisputeAndTheApplicationLimit(@ForAll("runs") Run run) {
        SequenceDriver d = drive(run, Inv.DISPUTE_LIMITS);
        Statistics.label("disputes").collect(d.order.disputes().size());
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void penaltiesGoWithViolationRulingsOnly(@ForAll("runs") Run run) {
        drive(run, Inv.PENALTIES);
    }
}
