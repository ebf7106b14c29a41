package aftersales.domain;

import static aftersales.domain.Scenario.T0;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Command.AcceptCounterProposal;
import aftersales.domain.Command.CancelDispute;
import aftersales.domain.Command.Escalate;
import aftersales.domain.Command.ModifyApplication;
import aftersales.domain.Command.RejectProposal;
import aftersales.domain.DisputeState.Escalated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule 3: agreement, buyer escalation after a rejection, automatic escalation on the 16th day or at the delivery time limit. */
class Rule3AgreementAndEscalationTest {

    private static RejectProposal reject(Scenario s, Long counter) {
        return new RejectProposal(s.disputeId(), "item was fine when shipped",
                Optional.ofNullable(counter).map(c -> Money.of(c, "USD")), List.of());
    }

    @Test
    void buyerAcceptingTheCounterProposalIsAnAgreementRefundingTheCounterAmount() {
        Scenario s = Scenario.filed(6_000);
        s.after(days(1)).ok(seller, reject(s, 2_500L));
        s.after(days(1)).ok(buyer, new AcceptCounterProposal(s.disputeId()));

        Resolution r = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.COUNTER_PROPOSAL_ACCEPTED, r.basis());
        assertTrue(r.basis().isAgreement());
        assertEquals(2_500, r.refund().minorUnits());
        assertEquals(List.of(2_500L), s.effects(Effect.IssueRefund.class).stream()
                .map(e -> e.instruction().amount().minorUnits()).toList());
    }

    @Test
    void thereIsNoCounterProposalToAcceptWhenTheSellerMadeNone() {
        Scenario s = Scenario.filed(6_000);
        s.after(days(1)).ok(seller, reject(s, null));
        s.refused(buyer, new AcceptCounterProposal(s.disputeId()), RefusalCode.NO_COUNTER_PROPOSAL);
    }

    @Test
    void buyerMayEscalateAtOnceAfterARejectionButNotBefore() {
        Scenario s = Scenario.filed(6_000);
        Refusal early = s.refused(buyer, new Escalate(s.disputeId()), RefusalCode.NOT_AWAITING_BUYER);
        assertEquals(s.now.plus(days(5)).toString(), early.facts().get("sellerDeadline"));

        s.after(seconds(30)).ok(seller, reject(s, null));
        Decision d = s.ok(buyer, new Escalate(s.disputeId()));

        assertEquals(new Escalated(EscalationBasis.BUYER_REQUEST, s.now), s.dispute().state());
        assertEquals(List.of(new Effect.SendToArbitration(s.disputeId(), EscalationBasis.BUYER_REQUEST, s.now)),
                d.effects().stream().filter(Effect.SendToArbitration.class::isInstance).toList());
        assertTrue(d.effects().contains(new Effect.CancelDeadline(s.disputeId(),
                new Deadline(DeadlineKind.ESCALATION, s.dispute().escalatesAt()))));
    }

    @Test
    void aSellerMayNotEscalate() {
        Scenario s = Scenario.filed(6_000);
        s.ok(seller, reject(s, null));
        s.refused(seller, new Escalate(s.disputeId()), RefusalCode.ROLE_NOT_ALLOWED);
    }

    static Stream<Arguments> aroundDay16() {
        return Stream.of(
                Arguments.of(seconds(-1), false),
                Arguments.of(Duration.ZERO, true),
                Arguments.of(seconds(1), true));
    }

    @ParameterizedTest(name = "firstFiledAt + 15d {0}: escalated={1}")
    @MethodSource("aroundDay16")
    void escalatesAutomaticallyOnThe16thDayAfterTheFirstFiling(Duration offset, boolean escalated) {
        Scenario s = Scenario.filed(6_000);
        Instant filed = s.dispute().firstFiledAt();
        s.after(days(1)).ok(seller, reject(s, null));

        s.at(filed.plus(days(15)).plus(offset)).tick();

        assertEquals(escalated, s.dispute().state() instanceof Escalated);
        if (escalated) {
            assertEquals(new Escalated(EscalationBasis.NEGOTIATION_PERIOD_ENDED, filed.plus(days(15))),
                    s.dispute().state());
            assertEquals(1, s.effects(Effect.SendToArbitration.class).size());
        } else {
            assertEquals(DisputeStatus.AWAITING_BUYER, s.dispute().status());
        }
    }

    @Test
    void modificationsDoNotRestartTheEscalationClock() {
        Scenario s = Scenario.filed(6_000);
        Instant escalation = s.dispute().escalatesAt();
        for (int i = 0; i < 3; i++) {
            s.after(days(3)).ok(buyer, new ModifyApplication(s.disputeId(), RefundReason.DAMAGED,
                    Money.of(5_000 - i, "USD"), false, "still broken"));
            assertEquals(escalation, s.dispute().escalatesAt());
        }
    }

    @Test
    void day16EscalationComesBeforeALaterSellerDeadlineAndCancelsIt() {
        Scenario s = Scenario.filed(6_000);
        Instant filed = s.dispute().firstFiledAt();
        s.after(days(1)).ok(seller, reject(s, null));
        s.at(filed.plus(days(14))).ok(buyer, new ModifyApplication(s.disputeId(), RefundReason.DAMAGED,
                Money.of(4_000, "USD"), false, "lower"));
        Instant sellerDeadline = filed.plus(days(19));
        assertEquals(List.of(new Deadline(DeadlineKind.ESCALATION, filed.plus(days(15))),
                new Deadline(DeadlineKind.SELLER_RESPONSE, sellerDeadline)), s.dispute().openDeadlines());

        Decision d = s.at(filed.plus(days(15))).run(Scenario.system, new Command.ApplyDueDeadlines());

        assertEquals(DisputeStatus.ESCALATED, s.dispute().status());
        assertTrue(s.dispute().resolution().isEmpty(), "no auto-refund once escalated");
        assertTrue(d.effects().contains(new Effect.CancelDeadline(s.disputeId(),
                new Deadline(DeadlineKind.SELLER_RESPONSE, sellerDeadline))));
        s.refused(seller, new Command.AcceptProposal(s.disputeId()), RefusalCode.ALREADY_ESCALATED);
    }

    @Test
    void whenBothDeadlinesFallOnOneInstantTheSellerTimeoutAppliesFirst() {
        Scenario s = Scenario.filed(6_000);
        Instant filed = s.dispute().firstFiledAt();
        s.after(days(1)).ok(seller, reject(s, null));
        // a modification on day 10 puts the seller deadline exactly on the escalation instant
        s.at(filed.plus(days(10))).ok(buyer, new ModifyApplication(s.disputeId(), RefundReason.DAMAGED,
                Money.of(3_000, "USD"), false, "lower"));
        assertEquals(s.dispute().escalatesAt(), ((DisputeState.AwaitingSeller) s.dispute().state()).deadline());

        s.at(filed.plus(days(15))).tick();

        Resolution r = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, r.basis());
        assertEquals(3_000, r.refund().minorUnits());
        assertTrue(s.effects(Effect.SendToArbitration.class).isEmpty());
    }

    static Stream<Arguments> aroundDeliveryLimit() {
        return Stream.of(
                Arguments.of(seconds(-1), false),
                Arguments.of(Duration.ZERO, true),
                Arguments.of(seconds(1), true));
    }

    @ParameterizedTest(name = "delivery limit expiry {0}: escalated={1}")
    @MethodSource("aroundDeliveryLimit")
    void goodsInTransitEscalatesWhenTheDeliveryTimeLimitExpires(Duration offset, boolean escalated) {
        Scenario s = Scenario.filed(6_000, RefundReason.GOODS_IN_TRANSIT, 30);
        Instant limit = T0.plus(days(30));
        assertEquals(limit, s.dispute().escalatesAt());
        assertEquals(EscalationBasis.DELIVERY_TIME_LIMIT_EXPIRED, s.dispute().escalatesOn());
        s.after(days(1)).ok(seller, reject(s, null));

        // the 15-day clock (filed T0+5d, so T0+20d) does not apply to goods in transit
        s.at(T0.plus(days(20))).tick();
        assertEquals(DisputeStatus.AWAITING_BUYER, s.dispute().status());

        s.at(limit.plus(offset)).tick();
        assertEquals(escalated, s.dispute().state() instanceof Escalated);
        if (escalated) {
            assertEquals(new Escalated(EscalationBasis.DELIVERY_TIME_LIMIT_EXPIRED, limit), s.dispute().state());
        }
    }

    @Test
    void goodsInTransitEscalatesAtTheLimitEvenBeforeTheSellerDeadline() {
        // 3-day limit: the window opens at once; filed 1 day after shipping, the limit expires 2 days later
        Scenario s = Scenario.shipped(3);
        s.at(T0.plus(days(1))).ok(buyer, Scenario.apply(RefundReason.GOODS_IN_TRANSIT, 5_000));
        s.at(T0.plus(days(3))).tick();
        assertEquals(new Escalated(EscalationBasis.DELIVERY_TIME_LIMIT_EXPIRED, T0.plus(days(3))), s.dispute().state());
    }

    static Stream<Arguments> limitAlreadyPassed() {
        // delivery limit days, filing offset from shipping: the limit has expired at or before filing
        return Stream.of(
                Arguments.of(5, days(5)),
                Arguments.of(3, days(3)),
                Arguments.of(3, days(4)),
                Arguments.of(20, days(25)));
    }

    @ParameterizedTest(name = "limit {0}d, filed at +{1}: 15-day clock")
    @MethodSource("limitAlreadyPassed")
    void goodsInTransitFallsBackToThe15DayClockWhenTheLimitHasPassedAtFiling(int limitDays, Duration filedAfter) {
        Scenario s = Scenario.shipped(limitDays);
        s.at(T0.plus(filedAfter)).ok(buyer, Scenario.apply(RefundReason.GOODS_IN_TRANSIT, 5_000));
        assertEquals(EscalationBasis.NEGOTIATION_PERIOD_ENDED, s.dispute().escalatesOn());
        assertEquals(s.now.plus(days(15)), s.dispute().escalatesAt());
    }

    @Test
    void aCancelledDisputeNeverEscalates() {
        Scenario s = Scenario.filed(6_000);
        s.after(days(1)).ok(seller, reject(s, null));
        Decision cancel = s.after(days(1)).ok(buyer, new CancelDispute(s.disputeId()));
        assertEquals(ResolutionBasis.BUYER_CANCELLED, s.resolution().orElseThrow().basis());
        assertTrue(cancel.effects().contains(new Effect.CancelDeadline(s.disputeId(),
                new Deadline(DeadlineKind.ESCALATION, s.dispute().escalatesAt()))));

        s.after(days(30)).tick();
        assertTrue(s.effects(Effect.SendToArbitration.class).isEmpty());
        assertTrue(s.effects(Effect.IssueRefund.class).isEmpty());
    }

    @Test
    void theBuyerCannotCancelOrModifyOnceEscalated() {
        Scenario s = Scenario.filed(6_000);
        s.ok(seller, reject(s, null));
        s.ok(buyer, new Escalate(s.disputeId()));
        s.refused(buyer, new CancelDispute(s.disputeId()), RefusalCode.ALREADY_ESCALATED);
        s.refused(buyer, new ModifyApplication(s.disputeId(), RefundReason.OTHER, Money.of(1, "USD"), false, ""),
                RefusalCode.ALREADY_ESCALATED);
        assertFalse(s.last.changed());
    }

    @Test
    void modifyingAfterARejectionClearsTheCounterProposalAndHandsTheTurnBackToTheSeller() {
        Scenario s = Scenario.filed(6_000);
        s.ok(seller, reject(s, 1_000L));
        s.after(days(2)).ok(buyer, new ModifyApplication(s.disputeId(), RefundReason.DAMAGED,
                Money.of(4_000, "USD"), true, "meet halfway"));
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, s.dispute().status());
        assertTrue(s.dispute().rejection().isEmpty());
        assertEquals(Optional.of(Role.SELLER), s.dispute().whoseTurn());
        s.refused(buyer, new AcceptCounterProposal(s.disputeId()), RefusalCode.NOT_AWAITING_BUYER);
    }
}
