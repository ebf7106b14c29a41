package aftersales.domain;

import static aftersales.domain.Scenario.T0;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule 1: when a buyer may apply, how often, and for how much. All goods are shipped at T0 unless said otherwise. */
class Rule1ApplicationWindowTest {

    private static Command.ApplyForRefund apply(long amount) {
        return Scenario.apply(RefundReason.NOT_AS_DESCRIBED, amount);
    }

    private static Command.ApplyForRefund apply(Money amount) {
        return new Command.ApplyForRefund(RefundReason.NOT_AS_DESCRIBED, amount, false, "broken", List.of());
    }

    /**
     * deliveryDays: the seller's delivery time limit; receiptDay: buyer confirms receipt at T0+receiptDay (-1: never);
     * boundaryDay: the boundary under test as T0+days, computed by hand from RULES.md; offset: seconds from it.
     */
    @ParameterizedTest(name = "limit {0}d, receipt day {1}, boundary T0+{2}d {3}s -> {4}")
    @CsvSource({
            // opens 5 days after all goods shipped (limit >= 5 days)
            "20, -1,  5, -1, WINDOW_NOT_OPEN",
            "20, -1,  5,  0, ALLOWED",
            "20, -1,  5,  1, ALLOWED",
            "5,  -1,  5, -1, WINDOW_NOT_OPEN",
            "5,  -1,  5,  0, ALLOWED",
            "5,  -1,  5,  1, ALLOWED",
            // closes 15 days after protection ends at fullyShippedAt + limit
            "20, -1, 35, -1, ALLOWED",
            "20, -1, 35,  0, WINDOW_CLOSED",
            "20, -1, 35,  1, WINDOW_CLOSED",
            "5,  -1, 20, -1, ALLOWED",
            "5,  -1, 20,  0, WINDOW_CLOSED",
            "5,  -1, 20,  1, WINDOW_CLOSED",
            // receipt confirmed earlier than the limit ends protection then: closes at receipt + 15 days
            "20,  1,  5, -1, WINDOW_NOT_OPEN",
            "20,  1,  5,  0, ALLOWED",
            "20,  1, 16, -1, ALLOWED",
            "20,  1, 16,  0, WINDOW_CLOSED",
            "20,  1, 16,  1, WINDOW_CLOSED",
            // receipt confirmed after the limit: the limit still ends protection
            "20, 25, 35, -1, ALLOWED",
            "20, 25, 35,  0, WINDOW_CLOSED",
            // limits shorter than 5 days: the window opens at fullyShippedAt
            "3,  -1,  0, -1, WINDOW_NOT_OPEN",
            "3,  -1,  0,  0, ALLOWED",
            "3,  -1,  0,  1, ALLOWED",
            "3,  -1, 18, -1, ALLOWED",
            "3,  -1, 18,  0, WINDOW_CLOSED",
            "3,  -1, 18,  1, WINDOW_CLOSED",
            "4,  -1,  0, -1, WINDOW_NOT_OPEN",
            "4,  -1,  0,  0, ALLOWED",
            "4,  -1,  0,  1, ALLOWED",
            "4,  -1, 19, -1, ALLOWED",
            "4,  -1, 19,  0, WINDOW_CLOSED",
            "4,  -1, 19,  1, WINDOW_CLOSED",
            "3,   1, 16, -1, ALLOWED",
            "3,   1, 16,  0, WINDOW_CLOSED",
    })
    void windowOpensFiveDaysAfterShipmentAndClosesFifteenDaysAfterProtection(
            int deliveryDays, int receiptDay, int boundaryDay, int offset, String expected) {
        Scenario s = Scenario.shipped(deliveryDays);
        if (receiptDay >= 0) {
            s.at(T0.plus(days(receiptDay))).ok(buyer, new Command.ConfirmReceipt());
        }
        Instant boundary = T0.plus(days(boundaryDay));
        Instant now = boundary.plus(seconds(offset));
        s.at(now);
        if (expected.equals("ALLOWED")) {
            s.ok(buyer, apply(4_000));
            assertEquals(now, s.dispute().firstFiledAt());
            assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, s.dispute().status());
            return;
        }
        RefusalCode code = RefusalCode.valueOf(expected);
        Order before = s.order;
        Refusal r = s.refused(buyer, apply(4_000), code);
        String fact = code == RefusalCode.WINDOW_NOT_OPEN ? "opensAt" : "closedAt";
        assertEquals(boundary.toString(), r.facts().get(fact), "the refusal names the instant the window opens/closed");
        assertEquals(before, s.order);
        assertTrue(s.order.disputes().isEmpty());
    }

    @Test
    void opensFiveDaysAfterAllGoodsShippedNotAfterTheFirstParcel() {
        Scenario s = Scenario.order(20);
        s.ok(seller, new Command.RecordShipment("DHL", "TRK1", T0, false));
        Instant allShipped = T0.plus(days(2));
        s.at(allShipped).ok(seller, new Command.RecordShipment("DHL", "TRK2", allShipped, true));

        s.at(T0.plus(days(5)));
        Refusal r = s.refused(buyer, apply(1_000), RefusalCode.WINDOW_NOT_OPEN);
        assertEquals(allShipped.plus(days(5)).toString(), r.facts().get("opensAt"));
        s.at(allShipped.plus(days(5))).ok(buyer, apply(1_000));
    }

    @Test
    void noApplicationBeforeAllGoodsAreShipped() {
        Scenario s = Scenario.order(20);
        s.at(T0.plus(days(6)));
        s.refused(buyer, apply(1_000), RefusalCode.NOT_SHIPPED);
        s.ok(seller, new Command.RecordShipment("DHL", "TRK1", s.now, false));  // a first parcel only
        s.after(days(6));
        s.refused(buyer, apply(1_000), RefusalCode.NOT_SHIPPED);
        assertTrue(s.order.disputes().isEmpty());
    }

    @Test
    void oneOpenDisputePerOrder() {
        Scenario s = Scenario.filed(4_000);
        DisputeId open = s.disputeId();
        s.after(days(1));
        Refusal r = s.refused(buyer, apply(1_000), RefusalCode.DISPUTE_ALREADY_OPEN);
        assertEquals(open.toString(), r.facts().get("disputeId"));
        assertEquals(1, s.order.disputes().size());
    }

    @Test
    void afterCancelANewApplicationIsAllowedAtMostTwoPerOrder() {
        Scenario s = Scenario.filed(4_000);
        s.after(days(1)).ok(buyer, new Command.CancelDispute(s.disputeId()));
        assertEquals(ResolutionBasis.BUYER_CANCELLED, s.resolution().orElseThrow().basis());

        s.after(days(1)).ok(buyer, apply(3_000));
        assertEquals(2, s.order.disputes().size());
        assertEquals(2, s.disputeId().number());
        assertEquals(3_000, s.dispute().proposal().amount().minorUnits());

        s.after(days(1)).ok(buyer, new Command.CancelDispute(s.disputeId()));
        s.after(days(1));
        Refusal r = s.refused(buyer, apply(2_000), RefusalCode.APPLICATION_LIMIT_REACHED);
        assertEquals("2", r.facts().get("maxApplicationsPerOrder"));
        assertEquals(2, s.order.disputes().size());
    }

    @Test
    void afterCancelANewApplicationStillNeedsTheWindowOpen() {
        Scenario s = Scenario.filed(4_000);          // limit 20 days: closes at T0+35d
        s.after(days(1)).ok(buyer, new Command.CancelDispute(s.disputeId()));
        s.at(T0.plus(days(35)));
        Refusal r = s.refused(buyer, apply(3_000), RefusalCode.WINDOW_CLOSED);
        assertEquals(T0.plus(days(35)).toString(), r.facts().get("closedAt"));
        assertEquals(1, s.order.disputes().size());
    }

    @Test
    void aResolvedDisputeThatWasNotCancelledSettlesTheOrder() {
        Scenario s = Scenario.filed(4_000);
        s.after(days(1)).ok(seller, new Command.AcceptProposal(s.disputeId()));
        s.after(days(1));
        Refusal r = s.refused(buyer, apply(1_000), RefusalCode.ORDER_ALREADY_SETTLED);
        assertEquals(ResolutionBasis.SELLER_ACCEPTED.name(), r.facts().get("resolution"));
        assertEquals(1, s.order.disputes().size());
    }

    @Test
    void aSellerTimeoutAlsoSettlesTheOrder() {
        Scenario s = Scenario.filed(4_000);
        s.after(days(5)).tick();
        s.after(days(1));
        s.refused(buyer, apply(1_000), RefusalCode.ORDER_ALREADY_SETTLED);
    }

    @Test
    void proposedRefundMustBeMoreThanZero() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)));
        s.refused(buyer, apply(0), RefusalCode.AMOUNT_NOT_POSITIVE);
        assertTrue(s.order.disputes().isEmpty());
        s.ok(buyer, apply(1));
        assertEquals(1, s.dispute().proposal().amount().minorUnits());
    }

    @Test
    void proposedRefundMayBeExactlyTheRefundableAmount() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)));
        assertEquals(Money.of(10_000, "USD"), s.order.refundable());
        s.ok(buyer, apply(10_000));
        assertEquals(Money.of(10_000, "USD"), s.dispute().proposal().amount());
    }

    @Test
    void proposedRefundAboveTheRefundableAmountIsRefused() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)));
        Refusal r = s.refused(buyer, apply(10_001), RefusalCode.AMOUNT_ABOVE_REFUNDABLE);
        assertEquals("10000", r.facts().get("refundable"));
        assertTrue(s.order.disputes().isEmpty());
    }

    @Test
    void proposedRefundMustBeInTheOrdersCurrency() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)));
        Refusal r = s.refused(buyer, apply(Money.of(1_000, "EUR")), RefusalCode.CURRENCY_MISMATCH);
        assertEquals("USD", r.facts().get("currency"));
        assertTrue(s.order.disputes().isEmpty());
    }

    @Test
    void aBuyerOfAnotherOrderIsNotAParty() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)));
        s.refused(Actor.buyer("buyer-2"), apply(1_000), RefusalCode.NOT_A_PARTY);
        assertTrue(s.order.disputes().isEmpty());
    }

    @Test
    void onlyTheBuyerMayApply() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)));
        s.refused(seller, apply(1_000), RefusalCode.ROLE_NOT_ALLOWED);
        s.refused(Scenario.arbitrator, apply(1_000), RefusalCode.ROLE_NOT_ALLOWED);
        s.refused(Scenario.platform, apply(1_000), RefusalCode.ROLE_NOT_ALLOWED);
        assertTrue(s.order.disputes().isEmpty());
    }

    @Test
    void aRefusedApplicationChangesNothing() {
        Scenario s = Scenario.shipped(20).at(T0.plus(days(5)).minus(seconds(1)));
        Order before = s.order;
        Decision d = OrderDesk.decide(before, buyer, apply(1_000), s.now, s.policy);
        assertEquals(RefusalCode.WINDOW_NOT_OPEN, d.refusal().orElseThrow().code());
        assertFalse(d.changed());
        assertFalse(d.accepted());
        assertEquals(before, d.order());
        assertEquals(List.of(), d.effects());

        Decision tooMuch = OrderDesk.decide(before, buyer, apply(10_001), T0.plus(days(5)), s.policy);
        assertEquals(RefusalCode.AMOUNT_ABOVE_REFUNDABLE, tooMuch.refusal().orElseThrow().code());
        assertFalse(tooMuch.changed());
        assertEquals(before, tooMuch.order());
        assertEquals(List.of(), tooMuch.effects());
    }

    @Test
    void aRefusedSecondApplicationLeavesTheOpenDisputeAsItWas() {
        Scenario s = Scenario.filed(4_000);
        Order before = s.order;
        Decision d = OrderDesk.decide(before, buyer, apply(1_000), s.now.plus(days(1)), s.policy);
        assertEquals(Optional.of(RefusalCode.DISPUTE_ALREADY_OPEN), d.refusal().map(Refusal::code));
        assertFalse(d.changed());
        assertEquals(before, d.order());
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, d.order().disputes().getFirst().status());
    }
}
