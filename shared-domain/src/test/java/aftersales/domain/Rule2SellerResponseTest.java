package aftersales.domain;

import static aftersales.domain.Scenario.T0;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Effect.CancelDeadline;
import aftersales.domain.Effect.IssueRefund;
import aftersales.domain.Effect.ScheduleDeadline;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule 2: the seller must accept or reject within 5 days after the buyer submits or modifies. */
class Rule2SellerResponseTest {

    /** Scenario.filed files at the window opening: T0 + 5 days (limit 20 days). */
    private static final Instant FILED = T0.plus(days(5));
    private static final Instant DEADLINE = FILED.plus(days(5));

    private static Command accept(Scenario s) {
        return new Command.AcceptProposal(s.disputeId());
    }

    private static Command reject(Scenario s, Optional<Money> counter) {
        return new Command.RejectProposal(s.disputeId(), "item works as described", counter, List.of());
    }

    private static Command sellerResponse(Scenario s, String which) {
        return which.equals("accept") ? accept(s) : reject(s, Optional.empty());
    }

    private static Command modify(Scenario s, long amount) {
        return new Command.ModifyApplication(s.disputeId(), RefundReason.DAMAGED, Money.of(amount, "USD"), true,
                "photos attached");
    }

    private static List<IssueRefund> refunds(Scenario s) {
        return s.effects(IssueRefund.class);
    }

    @Test
    void sellerDeadlineIsFiveDaysAfterFiling() {
        Scenario s = Scenario.filed(4_000);
        assertEquals(FILED, s.dispute().firstFiledAt());
        assertEquals(new DisputeState.AwaitingSeller(DEADLINE), s.dispute().state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"accept", "reject"})
    void sellerMayRespondUntilOneSecondBeforeTheDeadline(String which) {
        Scenario s = Scenario.filed(4_000);
        s.at(DEADLINE.minus(seconds(1))).ok(seller, sellerResponse(s, which));
        DisputeStatus expected = which.equals("accept") ? DisputeStatus.RESOLVED : DisputeStatus.AWAITING_BUYER;
        assertEquals(expected, s.dispute().status());
        s.at(DEADLINE.plus(days(1))).tick();
        assertEquals(expected, s.dispute().status(), "a response in time stops the timeout");
        assertTrue(s.resolution().map(r -> r.basis() != ResolutionBasis.SELLER_RESPONSE_TIMEOUT).orElse(true));
    }

    @ParameterizedTest(name = "{0} at deadline + {1}s")
    @CsvSource({"accept, 0", "reject, 0", "accept, 1", "reject, 1"})
    void sellerResponseAtOrAfterTheDeadlineIsRefusedAndTheProposalWasRefunded(String which, int offset) {
        Scenario s = Scenario.filed(4_000);
        s.at(DEADLINE.plus(seconds(offset)));
        Refusal r = s.refused(seller, sellerResponse(s, which), RefusalCode.SELLER_RESPONSE_DEADLINE_PASSED);
        assertEquals(DEADLINE.toString(), r.facts().get("deadline"));
        assertTrue(s.last.changed(), "the due deadline took effect before the refusal and must be stored");

        Resolution res = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, res.basis());
        assertEquals(Money.of(4_000, "USD"), res.refund());
        assertEquals(DEADLINE, res.at());
        assertEquals(1, refunds(s).size());
        assertEquals(Money.of(4_000, "USD"), refunds(s).getFirst().instruction().amount());
        assertEquals(Money.of(4_000, "USD"), s.order.refunded());
    }

    @Test
    void timeoutRefundsTheModifiedProposalNotTheOriginal() {
        Scenario s = Scenario.filed(4_000);
        Instant modified = FILED.plus(days(2));
        s.at(modified).ok(buyer, modify(s, 2_500));
        Instant newDeadline = modified.plus(days(5));
        s.at(newDeadline);
        s.refused(seller, accept(s), RefusalCode.SELLER_RESPONSE_DEADLINE_PASSED);
        Resolution res = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, res.basis());
        assertEquals(Money.of(2_500, "USD"), res.refund());
        assertEquals(newDeadline, res.at());
        assertEquals(List.of(Money.of(2_500, "USD")), refunds(s).stream().map(e -> e.instruction().amount()).toList());
    }

    @Test
    void autoRefundHappensAtTheDeadlineInstantEvenWhenAppliedDaysLater() {
        Scenario s = Scenario.filed(4_000);
        s.at(DEADLINE.plus(days(3)).plus(seconds(17))).tick();
        Resolution res = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, res.basis());
        assertEquals(DEADLINE, res.at());
        RefundInstruction i = refunds(s).getFirst().instruction();
        assertEquals(DEADLINE, i.at());
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, i.basis());
        assertEquals(Scenario.BUYER, i.buyerId());
        HistoryEntry last = s.dispute().history().getLast();
        assertEquals(HistoryEntry.Action.SELLER_RESPONSE_TIMED_OUT, last.action());
        assertEquals(DEADLINE, last.at());
        assertEquals(Role.SYSTEM, last.role());
    }

    @Test
    void autoRefundHappensAtTheDeadlineEvenWhenAppliedAfterTheEscalationInstant() {
        Scenario s = Scenario.filed(4_000);
        s.at(FILED.plus(days(40))).tick();            // both the seller deadline and the escalation are past
        Resolution res = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, res.basis());
        assertEquals(DEADLINE, res.at());
        assertEquals(List.of(), s.effects(Effect.SendToArbitration.class));
    }

    @Test
    void noTimeoutOneSecondBeforeTheDeadline() {
        Scenario s = Scenario.filed(4_000);
        s.at(DEADLINE.minus(seconds(1))).tick();
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, s.dispute().status());
        assertEquals(List.of(), refunds(s));
        s.at(DEADLINE).tick();
        assertEquals(DisputeStatus.RESOLVED, s.dispute().status());
    }

    @Test
    void modificationRestartsTheSellerClockButNotTheEscalationClock() {
        Scenario s = Scenario.filed(4_000);
        Instant escalatesAt = s.dispute().escalatesAt();
        assertEquals(FILED.plus(days(15)), escalatesAt);
        Instant modified = FILED.plus(days(4));
        s.at(modified).ok(buyer, modify(s, 3_000));
        Instant newDeadline = modified.plus(days(5));
        assertEquals(new DisputeState.AwaitingSeller(newDeadline), s.dispute().state());
        assertEquals(escalatesAt, s.dispute().escalatesAt());
        assertEquals(FILED, s.dispute().firstFiledAt());

        s.at(DEADLINE).tick();                         // the old deadline no longer acts
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, s.dispute().status());
        s.at(newDeadline.minus(seconds(1))).ok(seller, accept(s));
        assertEquals(ResolutionBasis.SELLER_ACCEPTED, s.resolution().orElseThrow().basis());
        assertEquals(Money.of(3_000, "USD"), s.resolution().orElseThrow().refund());
    }

    @Test
    void modificationAfterARejectionRestartsTheSellerClock() {
        Scenario s = Scenario.filed(4_000);
        s.at(FILED.plus(days(1))).ok(seller, reject(s, Optional.of(Money.of(1_000, "USD"))));
        Instant modified = FILED.plus(days(3));
        s.at(modified).ok(buyer, modify(s, 3_500));
        assertEquals(new DisputeState.AwaitingSeller(modified.plus(days(5))), s.dispute().state());
        assertEquals(Optional.empty(), s.dispute().rejection());
        s.at(modified.plus(days(5))).tick();
        assertEquals(Money.of(3_500, "USD"), s.resolution().orElseThrow().refund());
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, s.resolution().orElseThrow().basis());
    }

    @Test
    void exactlyOneRefundInstructionPerTimeoutWhateverIsRetried() {
        Scenario s = Scenario.filed(4_000);
        for (Instant t : List.of(DEADLINE, DEADLINE, DEADLINE.plus(seconds(1)), DEADLINE.plus(days(1)),
                DEADLINE.plus(days(20)))) {
            s.at(t).tick();
        }
        s.refused(seller, accept(s), RefusalCode.SELLER_RESPONSE_DEADLINE_PASSED);
        s.tick();
        assertEquals(1, refunds(s).size());
        assertEquals(Money.of(4_000, "USD"), s.order.refunded());
        assertEquals(1, s.dispute().history().stream()
                .filter(h -> h.action() == HistoryEntry.Action.SELLER_RESPONSE_TIMED_OUT).count());
    }

    @Test
    void sellerAcceptResolvesWithTheProposalAndOneRefundInstruction() {
        Scenario s = Scenario.filed(4_000);
        Instant at = FILED.plus(days(1));
        s.at(at).ok(seller, accept(s));
        Resolution res = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_ACCEPTED, res.basis());
        assertEquals(Money.of(4_000, "USD"), res.refund());
        assertEquals(at, res.at());
        assertEquals(1, refunds(s).size());
        RefundInstruction i = refunds(s).getFirst().instruction();
        assertEquals(Money.of(4_000, "USD"), i.amount());
        assertEquals(ResolutionBasis.SELLER_ACCEPTED, i.basis());
        assertEquals(s.disputeId(), i.disputeId());
        s.at(DEADLINE.plus(days(30))).tick();
        s.tick();
        assertEquals(1, refunds(s).size(), "no second refund later");
        assertEquals(Money.of(4_000, "USD"), s.order.refunded());
    }

    @Test
    void aSecondSellerResponseIsRefused() {
        Scenario s = Scenario.filed(4_000);
        s.at(FILED.plus(days(1))).ok(seller, reject(s, Optional.empty()));
        s.after(seconds(1)).refused(seller, accept(s), RefusalCode.NOT_AWAITING_SELLER);
        assertEquals(DisputeStatus.AWAITING_BUYER, s.dispute().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void sellerRejectionRequiresAReason(String reason) {
        Scenario s = Scenario.filed(4_000);
        s.after(days(1));
        Order before = s.order;
        Refusal r = s.refused(seller, new Command.RejectProposal(s.disputeId(), reason, Optional.empty(), List.of()),
                RefusalCode.INVALID_INPUT);
        assertEquals("reason", r.facts().get("field"));
        assertEquals(before, s.order);
    }

    @ParameterizedTest(name = "counter {0} {1} -> {2}")
    @CsvSource({
            "0, USD, AMOUNT_NOT_POSITIVE",
            "1000, EUR, CURRENCY_MISMATCH",
            "4000, USD, COUNTER_PROPOSAL_NOT_BELOW_PROPOSAL",
            "4001, USD, COUNTER_PROPOSAL_NOT_BELOW_PROPOSAL",
    })
    void counterProposalMustBePositiveInCurrencyAndBelowTheProposal(long amount, String currency, RefusalCode code) {
        Scenario s = Scenario.filed(4_000);
        s.after(days(1));
        Order before = s.order;
        s.refused(seller, reject(s, Optional.of(Money.of(amount, currency))), code);
        assertEquals(before, s.order);
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, s.dispute().status());
    }

    @Test
    void counterProposalJustBelowTheProposalIsAllowed() {
        Scenario s = Scenario.filed(4_000);
        s.after(days(1)).ok(seller, reject(s, Optional.of(Money.of(3_999, "USD"))));
        assertEquals(Optional.of(Money.of(3_999, "USD")),
                s.dispute().rejection().flatMap(SellerRejection::counterProposal));
        assertEquals(List.of(), refunds(s));
    }

    @Test
    void filingSchedulesTheSellerDeadlineAndTheEscalation() {
        Scenario s = Scenario.filed(4_000);
        DisputeId id = s.disputeId();
        assertEquals(List.of(
                        new ScheduleDeadline(id, new Deadline(DeadlineKind.SELLER_RESPONSE, DEADLINE)),
                        new ScheduleDeadline(id, new Deadline(DeadlineKind.ESCALATION, FILED.plus(days(15))))),
                s.last.effects());
    }

    @Test
    void modificationReschedulesOnlyTheSellerDeadline() {
        Scenario s = Scenario.filed(4_000);
        DisputeId id = s.disputeId();
        Instant modified = FILED.plus(days(2));
        s.at(modified).ok(buyer, modify(s, 3_000));
        List<Effect> effects = s.last.effects();
        assertEquals(2, effects.size(), effects.toString());
        assertTrue(effects.contains(new CancelDeadline(id, new Deadline(DeadlineKind.SELLER_RESPONSE, DEADLINE))));
        assertTrue(effects.contains(
                new ScheduleDeadline(id, new Deadline(DeadlineKind.SELLER_RESPONSE, modified.plus(days(5))))));
    }

    @Test
    void sellerRejectionCancelsTheSellerDeadlineAndKeepsTheEscalation() {
        Scenario s = Scenario.filed(4_000);
        DisputeId id = s.disputeId();
        s.at(FILED.plus(days(1))).ok(seller, reject(s, Optional.empty()));
        assertEquals(List.of(new CancelDeadline(id, new Deadline(DeadlineKind.SELLER_RESPONSE, DEADLINE))),
                s.last.effects());
        assertEquals(List.of(new Deadline(DeadlineKind.ESCALATION, FILED.plus(days(15)))),
                s.dispute().openDeadlines());
    }

    @Test
    void sellerAcceptanceCancelsTheSellerDeadline() {
        Scenario s = Scenario.filed(4_000);
        DisputeId id = s.disputeId();
        s.at(FILED.plus(days(1))).ok(seller, accept(s));
        List<Effect> effects = s.last.effects();
        assertTrue(effects.contains(new CancelDeadline(id, new Deadline(DeadlineKind.SELLER_RESPONSE, DEADLINE))),
                effects.toString());
        assertEquals(1, effects.stream().filter(IssueRefund.class::isInstance).count());
        assertEquals(List.of(), s.dispute().openDeadlines());
    }

    @Test
    void sellerTimeoutAppliesBeforeEscalationOnTheSameInstant() {
        Scenario s = Scenario.filed(4_000);
        s.at(FILED.plus(days(1))).ok(seller, reject(s, Optional.empty()));
        s.at(FILED.plus(days(10))).ok(buyer, modify(s, 3_000));   // new seller deadline == escalation instant
        assertEquals(new DisputeState.AwaitingSeller(FILED.plus(days(15))), s.dispute().state());
        s.at(FILED.plus(days(15))).tick();
        Resolution res = s.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, res.basis());
        assertEquals(Money.of(3_000, "USD"), res.refund());
        assertEquals(List.of(), s.effects(Effect.SendToArbitration.class));
    }

    @Test
    void aRetriedTimeoutOwesTheSameRefundInstruction() {
        Scenario s = Scenario.filed(4_000);
        Order stored = s.order;
        Decision first = OrderDesk.decide(stored, Actor.SYSTEM, new Command.ApplyDueDeadlines(), DEADLINE, s.policy);
        Decision retry = OrderDesk.decide(stored, Actor.SYSTEM, new Command.ApplyDueDeadlines(),
                DEADLINE.plus(days(2)), s.policy);
        List<Effect> a = first.effects().stream().filter(IssueRefund.class::isInstance).toList();
        List<Effect> b = retry.effects().stream().filter(IssueRefund.class::isInstance).toList();
        assertEquals(1, a.size());
        assertEquals(a, b, "the same resolution owes the same instruction, whenever it is computed");
        assertEquals(first.order(), retry.order());
    }
}
