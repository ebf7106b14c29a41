package aftersales.domain;

import static aftersales.domain.Scenario.T0;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Command.Evaluate;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule 5's raw facts: each resolution's basis and responsibility, and the buyer's one evaluation. */
class Rule5StandingFactsTest {

    private static Ruling ruling(long refund, String violation) {
        return new Ruling("arb", Money.of(refund, "USD"), Optional.ofNullable(violation), "s", T0);
    }

    @Test
    void whichResolutionsCountAgainstTheSeller() {
        Money some = Money.of(100, "USD");
        Money none = Money.of(0, "USD");
        assertTrue(new Resolution(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, some, T0, Optional.empty()).againstSeller());
        assertFalse(new Resolution(ResolutionBasis.SELLER_ACCEPTED, some, T0, Optional.empty()).againstSeller());
        assertFalse(new Resolution(ResolutionBasis.COUNTER_PROPOSAL_ACCEPTED, some, T0, Optional.empty()).againstSeller());
        assertFalse(new Resolution(ResolutionBasis.BUYER_CANCELLED, none, T0, Optional.empty()).againstSeller());
        assertTrue(new Resolution(ResolutionBasis.ARBITRATION, some, T0, Optional.of(ruling(100, "v"))).againstSeller());
        assertFalse(new Resolution(ResolutionBasis.ARBITRATION, none, T0, Optional.of(ruling(0, "v"))).againstSeller(),
                "a violation without a refund is penalised but not a dispute resolved against the seller");
        assertFalse(new Resolution(ResolutionBasis.ARBITRATION, some, T0, Optional.of(ruling(100, null))).againstSeller());
    }

    @Test
    void aRulingGoesWithAndOnlyWithArbitration() {
        assertThrows(IllegalArgumentException.class, () -> new Resolution(ResolutionBasis.ARBITRATION,
                Money.of(1, "USD"), T0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Resolution(ResolutionBasis.SELLER_ACCEPTED,
                Money.of(1, "USD"), T0, Optional.of(ruling(1, null))));
    }

    @ParameterizedTest(name = "{0} stars is {1}")
    @CsvSource({"1,NEGATIVE", "2,NEGATIVE", "3,NEUTRAL", "4,POSITIVE", "5,POSITIVE"})
    void starsMapToSentiment(int stars, Evaluation.Sentiment sentiment) {
        assertEquals(sentiment, new Evaluation(stars, "", T0).sentiment());
    }

    @Test
    void anOrderIsEvaluatedOnceWhenComplete() {
        Scenario s = Scenario.shipped(10);
        s.refused(buyer, new Evaluate(5, "great"), RefusalCode.ORDER_NOT_COMPLETE);
        Instant limit = T0.plus(days(10));
        s.at(limit.minus(seconds(1))).refused(buyer, new Evaluate(5, "great"), RefusalCode.ORDER_NOT_COMPLETE);
        s.at(limit).ok(buyer, new Evaluate(4, "fine"));
        assertEquals(Evaluation.Sentiment.POSITIVE, s.order.evaluation().orElseThrow().sentiment());
        s.refused(buyer, new Evaluate(1, "changed my mind"), RefusalCode.ALREADY_EVALUATED);
        assertEquals(4, s.order.evaluation().orElseThrow().stars());
    }

    @Test
    void receiptMakesTheOrderCompleteEarly() {
        Scenario s = Scenario.shipped(10);
        s.after(days(2)).ok(buyer, new Command.ConfirmReceipt());
        s.ok(buyer, new Evaluate(3, ""));
        s.refused(buyer, new Command.ConfirmReceipt(), RefusalCode.RECEIPT_ALREADY_CONFIRMED);
    }

    @Test
    void anOpenDisputeKeepsTheOrderIncompleteAndItsResolutionCompletesIt() {
        Scenario s = Scenario.filed(1_000);
        s.after(days(1)).ok(seller, new Command.RejectProposal(s.disputeId(), "no", Optional.empty(), java.util.List.of()));
        s.ok(buyer, new Command.ConfirmReceipt());
        s.refused(buyer, new Evaluate(2, "meh"), RefusalCode.ORDER_NOT_COMPLETE);
        s.ok(buyer, new Command.CancelDispute(s.disputeId()));
        s.ok(buyer, new Evaluate(2, "meh"));
    }

    @Test
    void starsOutsideOneToFiveAreRefusedAndOnlyTheBuyerEvaluates() {
        Scenario s = Scenario.shipped(1);
        s.after(days(1));
        s.refused(buyer, new Evaluate(0, ""), RefusalCode.INVALID_INPUT);
        s.refused(buyer, new Evaluate(6, ""), RefusalCode.INVALID_INPUT);
        s.refused(seller, new Evaluate(5, ""), RefusalCode.ROLE_NOT_ALLOWED);
        assertTrue(s.order.evaluation().isEmpty());
    }

    @Test
    void eachResolutionRecordsItsBasisInTheHistory() {
        Scenario s = Scenario.filed(1_000);
        s.after(days(5)).tick();
        HistoryEntry last = s.dispute().history().getLast();
        assertEquals(HistoryEntry.Action.SELLER_RESPONSE_TIMED_OUT, last.action());
        assertEquals(Role.SYSTEM, last.role());
        assertEquals(s.now, last.at());
        assertEquals("1000", last.details().get("refund"));
    }
}
