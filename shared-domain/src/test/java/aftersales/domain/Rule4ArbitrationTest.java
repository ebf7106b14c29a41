package aftersales.domain;

import static aftersales.domain.Scenario.arbitrator;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static aftersales.domain.Scenario.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Command.AddEvidence;
import aftersales.domain.Command.Escalate;
import aftersales.domain.Command.OpenArbitrationCase;
import aftersales.domain.Command.RejectProposal;
import aftersales.domain.Command.Rule;
import aftersales.domain.DisputeState.InArbitration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule 4: the arbitration case, the evidence period, the one-time ruling and the penalty in the same step. */
class Rule4ArbitrationTest {

    /** Filed for 6000, rejected, escalated by the buyer; the case is not open yet. */
    private static Scenario escalated() {
        Scenario s = Scenario.filed(6_000);
        s.after(days(1)).ok(seller, new RejectProposal(s.disputeId(), "no", Optional.empty(), List.of()));
        s.after(days(1)).ok(buyer, new Escalate(s.disputeId()));
        return s;
    }

    private static Scenario caseOpen() {
        Scenario s = escalated();
        s.after(seconds(5)).ok(system, new OpenArbitrationCase(s.disputeId()));
        return s;
    }

    private static Rule rule(Scenario s, long refund, String violation) {
        return new Rule(s.disputeId(), Money.of(refund, "USD"), Optional.ofNullable(violation), "decided on evidence");
    }

    @Test
    void theIntakeOpensTheCaseOnceAndRepeatsChangeNothing() {
        Scenario s = caseOpen();
        Instant opened = s.now;
        assertEquals(new InArbitration(EscalationBasis.BUYER_REQUEST, opened.minus(seconds(5)), opened), s.dispute().state());
        assertEquals(Optional.of(Role.ARBITRATOR), s.dispute().whoseTurn());

        Decision again = s.after(Duration.ofHours(1)).ok(system, new OpenArbitrationCase(s.disputeId()));
        assertFalse(again.changed());
        assertTrue(again.effects().isEmpty());
        assertEquals(opened, ((InArbitration) s.dispute().state()).caseOpenedAt());
    }

    @Test
    void onlyTheSystemOpensCasesAndOnlyForEscalatedDisputes() {
        Scenario s = Scenario.filed(6_000);
        s.refused(system, new OpenArbitrationCase(s.disputeId()), RefusalCode.NOT_ESCALATED);
        Scenario e = escalated();
        e.refused(arbitrator, new OpenArbitrationCase(e.disputeId()), RefusalCode.ROLE_NOT_ALLOWED);
        e.refused(Scenario.platform, new OpenArbitrationCase(e.disputeId()), RefusalCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void noRulingBeforeTheCaseIsOpen() {
        Scenario s = escalated();
        s.after(days(10)).refused(arbitrator, rule(s, 1_000, null), RefusalCode.CASE_NOT_OPEN);
    }

    static Stream<Arguments> aroundEvidencePeriod() {
        return Stream.of(
                Arguments.of(seconds(-1), false),
                Arguments.of(Duration.ZERO, true),
                Arguments.of(seconds(1), true));
    }

    @ParameterizedTest(name = "case opened + 3d {0}: ruling allowed={1}")
    @MethodSource("aroundEvidencePeriod")
    void theCaseWaitsThreeDaysForEvidence(Duration offset, boolean allowed) {
        Scenario s = caseOpen();
        Instant from = s.now.plus(days(3));
        assertEquals(Optional.of(from), s.dispute().rulingAllowedFrom());

        s.at(from.plus(offset));
        if (allowed) {
            s.ok(arbitrator, rule(s, 1_000, null));
            assertEquals(ResolutionBasis.ARBITRATION, s.resolution().orElseThrow().basis());
        } else {
            Refusal r = s.refused(arbitrator, rule(s, 1_000, null), RefusalCode.EVIDENCE_PERIOD_RUNNING);
            assertEquals(from.toString(), r.facts().get("rulingAllowedFrom"));
        }
    }

    @Test
    void evidenceFromBothPartiesEndsTheWaitAtOnce() {
        Scenario s = caseOpen();
        s.after(Duration.ofHours(1)).ok(buyer, new AddEvidence(s.disputeId(), "photo of damage", List.of("s3://e/1.jpg")));
        s.refused(arbitrator, rule(s, 1_000, null), RefusalCode.EVIDENCE_PERIOD_RUNNING);
        s.after(Duration.ofHours(1)).ok(seller, new AddEvidence(s.disputeId(), "packing video", List.of("s3://e/2.mp4")));
        s.ok(arbitrator, rule(s, 1_000, null));
    }

    @Test
    void evidenceGivenBeforeTheEscalationDoesNotEndTheWait() {
        Scenario s = Scenario.filed(6_000);
        s.ok(buyer, new AddEvidence(s.disputeId(), "photo", List.of()));
        s.after(days(1)).ok(seller, new RejectProposal(s.disputeId(), "no", Optional.empty(), List.of("s3://e/s.jpg")));
        s.after(days(1)).ok(buyer, new Escalate(s.disputeId()));
        s.ok(system, new OpenArbitrationCase(s.disputeId()));
        s.refused(arbitrator, rule(s, 1_000, null), RefusalCode.EVIDENCE_PERIOD_RUNNING);
    }

    @Test
    void aViolationRulingRecordsThePenaltyAndTheRefundInTheSameStep() {
        Scenario s = caseOpen();
        Decision d = s.after(days(3)).ok(arbitrator, rule(s, 6_000, "misdescribed goods"));

        Resolution r = s.resolution().orElseThrow();
        assertEquals(6_000, r.refund().minorUnits());
        assertTrue(r.ruling().orElseThrow().sellerViolated());
        assertTrue(r.againstSeller());
        List<Effect> owed = d.effects();
        assertEquals(1, owed.stream().filter(Effect.IssueRefund.class::isInstance).count());
        Penalty p = owed.stream().filter(Effect.RecordPenalty.class::isInstance)
                .map(e -> ((Effect.RecordPenalty) e).penalty()).findFirst().orElseThrow();
        assertEquals(Scenario.SELLER, p.sellerId());
        assertEquals(Policy.DEFAULT.penaltyPointsPerViolation(), p.points());
        assertEquals("misdescribed goods", p.reason());
        assertEquals(s.now, p.at());
    }

    @Test
    void aZeroRulingOwesNoRefundAndNoViolationOwesNoPenalty() {
        Scenario s = caseOpen();
        Decision d = s.after(days(3)).ok(arbitrator, rule(s, 0, null));
        assertEquals(0, s.resolution().orElseThrow().refund().minorUnits());
        assertTrue(d.effects().stream().noneMatch(e -> e instanceof Effect.IssueRefund || e instanceof Effect.RecordPenalty));
        assertFalse(s.resolution().orElseThrow().againstSeller());
    }

    @Test
    void theRulingIsOneTime() {
        Scenario s = caseOpen();
        s.after(days(3)).ok(arbitrator, rule(s, 2_000, null));
        Refusal r = s.after(seconds(1)).refused(arbitrator, rule(s, 3_000, "second thoughts"), RefusalCode.ALREADY_RULED);
        assertEquals(s.now.minus(seconds(1)).toString(), r.facts().get("ruledAt"));
        assertEquals(2_000, s.resolution().orElseThrow().refund().minorUnits());
        assertEquals(1, s.effects(Effect.IssueRefund.class).size());
        // a stale intake message after the ruling changes nothing
        assertFalse(s.ok(system, new OpenArbitrationCase(s.disputeId())).changed());
    }

    @Test
    void theRulingRefundsFromZeroUpToTheRefundableAmount() {
        Scenario s = caseOpen();
        s.after(days(3));
        s.refused(arbitrator, rule(s, 10_001, null), RefusalCode.AMOUNT_ABOVE_REFUNDABLE);
        s.refused(arbitrator, new Rule(s.disputeId(), Money.of(10, "EUR"), Optional.empty(), "x"),
                RefusalCode.CURRENCY_MISMATCH);
        s.refused(arbitrator, new Rule(s.disputeId(), Money.of(10, "USD"), Optional.empty(), " "),
                RefusalCode.INVALID_INPUT);
        s.refused(arbitrator, rule(s, 10, " "), RefusalCode.INVALID_INPUT);
        s.ok(arbitrator, rule(s, 10_000, null));
        assertEquals(10_000, s.order.refunded().minorUnits());
    }

    @Test
    void onlyAnArbitratorRules() {
        Scenario s = caseOpen();
        s.after(days(3));
        s.refused(buyer, rule(s, 1, null), RefusalCode.ROLE_NOT_ALLOWED);
        s.refused(seller, rule(s, 1, null), RefusalCode.ROLE_NOT_ALLOWED);
        s.refused(Scenario.platform, rule(s, 1, null), RefusalCode.ROLE_NOT_ALLOWED);
        s.refused(system, rule(s, 1, null), RefusalCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void bothPartiesMayAddEvidenceUntilTheRulingButNotAfter() {
        Scenario s = caseOpen();
        s.ok(buyer, new AddEvidence(s.disputeId(), "more photos", List.of()));
        s.ok(seller, new AddEvidence(s.disputeId(), "courier receipt", List.of()));
        s.refused(arbitrator, new AddEvidence(s.disputeId(), "x", List.of()), RefusalCode.ROLE_NOT_ALLOWED);
        s.ok(arbitrator, rule(s, 100, null));
        s.refused(buyer, new AddEvidence(s.disputeId(), "late", List.of()), RefusalCode.DISPUTE_RESOLVED);
    }

    @Test
    void automaticEscalationAlsoLeadsToArbitration() {
        Scenario s = Scenario.filed(6_000);
        s.after(days(1)).ok(seller, new RejectProposal(s.disputeId(), "no", Optional.empty(), List.of()));
        s.at(s.dispute().escalatesAt()).tick();
        assertEquals(1, s.effects(Effect.SendToArbitration.class).size());
        s.after(seconds(1)).ok(system, new OpenArbitrationCase(s.disputeId()));
        assertEquals(EscalationBasis.NEGOTIATION_PERIOD_ENDED, ((InArbitration) s.dispute().state()).basis());
    }
}
