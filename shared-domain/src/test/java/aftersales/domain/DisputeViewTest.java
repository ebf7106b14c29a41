package aftersales.domain;

import static aftersales.domain.CallerAction.ACCEPT_COUNTER_PROPOSAL;
import static aftersales.domain.CallerAction.ACCEPT_PROPOSAL;
import static aftersales.domain.CallerAction.ADD_EVIDENCE;
import static aftersales.domain.CallerAction.CANCEL;
import static aftersales.domain.CallerAction.ESCALATE;
import static aftersales.domain.CallerAction.MODIFY_APPLICATION;
import static aftersales.domain.CallerAction.REJECT_PROPOSAL;
import static aftersales.domain.CallerAction.RULE;
import static aftersales.domain.Scenario.arbitrator;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.HistoryEntry.Action;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every dispute shows: status, whose turn, deadlines, the caller's actions, proposals, history, resolution. */
class DisputeViewTest {

    private static DisputeView view(Scenario s, Actor who) {
        return DisputeView.of(s.order, s.disputeId(), who, s.now).orElseThrow();
    }

    @Test
    void afterFilingItIsTheSellersTurnWithBothDeadlinesShown() {
        Scenario s = Scenario.filed(4_000);
        DisputeView v = view(s, seller);
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, v.status());
        assertEquals(Optional.of(Role.SELLER), v.whoseTurn());
        assertEquals(List.of(new Deadline(DeadlineKind.SELLER_RESPONSE, s.now.plus(days(5))),
                new Deadline(DeadlineKind.ESCALATION, s.now.plus(days(15)))), v.deadlines());
        assertEquals(List.of(ACCEPT_PROPOSAL, REJECT_PROPOSAL, ADD_EVIDENCE), v.allowedActions());
        assertEquals(List.of(MODIFY_APPLICATION, CANCEL, ADD_EVIDENCE), view(s, buyer).allowedActions());
        assertEquals(List.of(), view(s, arbitrator).allowedActions());
        assertEquals(4_000, v.proposal().amount().minorUnits());
        assertEquals(Policy.DEFAULT.version(), v.policyVersion());
    }

    @Test
    void afterARejectionTheBuyerIsOfferedEscalationAndTheCounterProposal() {
        Scenario s = Scenario.filed(4_000);
        s.ok(seller, new Command.RejectProposal(s.disputeId(), "no", Optional.of(Money.of(1_000, "USD")), List.of()));
        DisputeView v = view(s, buyer);
        assertEquals(Optional.of(Role.BUYER), v.whoseTurn());
        assertEquals(List.of(MODIFY_APPLICATION, ACCEPT_COUNTER_PROPOSAL, ESCALATE, CANCEL, ADD_EVIDENCE),
                v.allowedActions());
        assertEquals(1_000, v.rejection().orElseThrow().counterProposal().orElseThrow().minorUnits());
        assertEquals(List.of(DeadlineKind.ESCALATION), v.deadlines().stream().map(Deadline::kind).toList());
    }

    @Test
    void othersBuyersAndSellersCannotSeeTheDisputeButArbitratorsAndThePlatformCan() {
        Scenario s = Scenario.filed(4_000);
        assertTrue(DisputeView.of(s.order, s.disputeId(), Actor.buyer("someone-else"), s.now).isEmpty());
        assertTrue(DisputeView.of(s.order, s.disputeId(), Actor.seller("other-shop"), s.now).isEmpty());
        assertTrue(DisputeView.of(s.order, s.disputeId(), arbitrator, s.now).isPresent());
        assertTrue(DisputeView.of(s.order, s.disputeId(), Scenario.platform, s.now).isPresent());
        assertTrue(DisputeView.of(s.order, new DisputeId("order-1", 2), buyer, s.now).isEmpty());
    }

    @Test
    void aReadAfterADeadlineShowsItsEffectEvenIfNoTimerFired() {
        Scenario s = Scenario.filed(4_000);
        s.after(days(6)); // nothing stored since filing
        DisputeView v = view(s, buyer);
        assertEquals(DisputeStatus.RESOLVED, v.status());
        assertEquals(Optional.empty(), v.whoseTurn());
        assertEquals(List.of(), v.deadlines());
        assertEquals(List.of(), v.allowedActions());
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, v.resolution().orElseThrow().basis());
        assertEquals(s.now.minus(days(1)), v.resolution().orElseThrow().at());
        assertEquals(List.of(Action.APPLICATION_FILED, Action.SELLER_RESPONSE_TIMED_OUT),
                v.history().stream().map(HistoryEntry::action).toList());
        assertEquals(Role.SYSTEM, v.history().getLast().role());
    }

    @Test
    void inArbitrationTheArbitratorMayRuleOnceTheEvidencePeriodEnds() {
        Scenario s = Scenario.filed(4_000);
        s.ok(seller, new Command.RejectProposal(s.disputeId(), "no", Optional.empty(), List.of()));
        s.ok(buyer, new Command.Escalate(s.disputeId()));
        assertEquals(Optional.of(Role.PLATFORM), view(s, buyer).whoseTurn());
        s.ok(Scenario.system, new Command.OpenArbitrationCase(s.disputeId()));
        assertEquals(List.of(), view(s, arbitrator).allowedActions());
        assertEquals(Optional.of(s.now.plus(days(3))), view(s, arbitrator).rulingAllowedFrom());
        s.after(days(3));
        assertEquals(List.of(RULE), view(s, arbitrator).allowedActions());
        assertEquals(List.of(ADD_EVIDENCE), view(s, buyer).allowedActions());
    }

    @Test
    void orderActionsFollowTheWindow() {
        Scenario s = Scenario.shipped(20);
        assertEquals(List.of(CallerAction.CONFIRM_RECEIPT), Rules.allowedOrderActions(s.order, buyer, s.now, s.policy));
        s.after(days(5));
        assertEquals(List.of(CallerAction.CONFIRM_RECEIPT, CallerAction.APPLY_FOR_REFUND),
                Rules.allowedOrderActions(s.order, buyer, s.now, s.policy));
        assertEquals(List.of(), Rules.allowedOrderActions(s.order, seller, s.now, s.policy));
        assertEquals(List.of(CallerAction.RECORD_SHIPMENT),
                Rules.allowedOrderActions(Scenario.order(3).order, seller, s.now, s.policy));
    }
}
