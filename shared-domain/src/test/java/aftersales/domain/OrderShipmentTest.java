package aftersales.domain;

import static aftersales.domain.Scenario.T0;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.platform;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Command.RecordShipment;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Orders: registration by the platform, shipments, "all goods shipped" (the instant Rule 1 counts from), receipt. */
class OrderShipmentTest {

    @Test
    void onlyThePlatformRegistersAndBadOrdersAreRefused() {
        Money paid = Money.of(100, "EUR");
        assertInstanceOf(Registration.Registered.class, OrderDesk.register(platform, "o-1", "b", "s", paid, 7, T0));
        assertRefused(OrderDesk.register(buyer, "o-1", "b", "s", paid, 7, T0), RefusalCode.ROLE_NOT_ALLOWED);
        assertRefused(OrderDesk.register(platform, "o 1", "b", "s", paid, 7, T0), RefusalCode.INVALID_INPUT);
        assertRefused(OrderDesk.register(platform, "o-1", "b", "b", paid, 7, T0), RefusalCode.INVALID_INPUT);
        assertRefused(OrderDesk.register(platform, "o-1", "b", "s", Money.of(0, "EUR"), 7, T0),
                RefusalCode.AMOUNT_NOT_POSITIVE);
        assertRefused(OrderDesk.register(platform, "o-1", "b", "s", paid, 0, T0), RefusalCode.INVALID_INPUT);
        assertRefused(OrderDesk.register(platform, "o-1", "b", "s", paid, 366, T0), RefusalCode.INVALID_INPUT);
    }

    private static void assertRefused(Registration r, RefusalCode code) {
        assertEquals(code, assertInstanceOf(Registration.NotRegistered.class, r).refusal().code());
    }

    @Test
    void fullyShippedIsTheInstantTheSellerMarksItNotTheParcelsDate() {
        Scenario s = Scenario.order(10);
        s.after(days(1)).ok(seller, new RecordShipment("DHL", "A1", T0, false));
        assertTrue(s.order.fullyShippedAt().isEmpty());
        s.after(days(1)).ok(seller, new RecordShipment("UPS", "B2", s.now.minus(seconds(60)), true));
        assertEquals(Optional.of(T0.plus(days(2))), s.order.fullyShippedAt());
        assertEquals(2, s.order.shipments().size());
        s.refused(seller, new RecordShipment("UPS", "C3", s.now, false), RefusalCode.ALREADY_FULLY_SHIPPED);
    }

    @Test
    void shipmentsAreValidated() {
        Scenario s = Scenario.order(10);
        s.refused(seller, new RecordShipment(" ", "A1", T0, true), RefusalCode.INVALID_INPUT);
        s.refused(seller, new RecordShipment("DHL", "", T0, true), RefusalCode.INVALID_INPUT);
        s.refused(seller, new RecordShipment("DHL", "A1", T0.plus(seconds(1)), true), RefusalCode.INVALID_INPUT);
        s.refused(buyer, new RecordShipment("DHL", "A1", T0, true), RefusalCode.ROLE_NOT_ALLOWED);
        s.refused(Actor.seller("other"), new RecordShipment("DHL", "A1", T0, true), RefusalCode.NOT_A_PARTY);
        assertTrue(s.order.shipments().isEmpty());
    }

    @Test
    void receiptNeedsAllGoodsShipped() {
        Scenario s = Scenario.order(10);
        s.refused(buyer, new Command.ConfirmReceipt(), RefusalCode.NOT_SHIPPED);
        s.ok(seller, new RecordShipment("DHL", "A1", T0, true));
        s.after(days(2)).ok(buyer, new Command.ConfirmReceipt());
        assertEquals(Optional.of(T0.plus(days(2))), s.order.protectionEndsAt());
    }
}
