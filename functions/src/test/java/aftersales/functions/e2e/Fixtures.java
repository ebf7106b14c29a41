package aftersales.functions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aftersales.functions.e2e.Harness.Caller;
import aftersales.functions.e2e.Harness.Response;
import java.time.Duration;
import java.util.Map;

/** Steps most service tests start with: register an order, ship it, let the window open, apply. */
final class Fixtures {

    static final Caller BUYER = Caller.buyer("buyer-42");
    static final Caller SELLER = Caller.seller("seller-7");
    static final Caller ARBITRATOR = Caller.arbitrator("arb-1");
    static final Caller PLATFORM = Caller.platform();

    private Fixtures() {
    }

    static Map<String, String> order(String id) {
        return Map.of("orderId", id);
    }

    static Map<String, String> dispute(String id) {
        return Map.of("disputeId", id);
    }

    static Response register(Harness h, String orderId, long amount, int deliveryDays) {
        Response r = h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"%s","buyerId":"buyer-42","sellerId":"seller-7",
                 "amountPaid":{"amount":%d,"currency":"EUR"},"deliveryTimeLimitDays":%d}
                """.formatted(orderId, amount, deliveryDays));
        assertEquals(201, r.status(), () -> r.body().toString());
        return r;
    }

    static void ship(Harness h, String orderId) {
        Response r = h.post(SELLER, "POST /orders/{orderId}/shipments", order(orderId), """
                {"carrier":"DHL","trackingNumber":"JD0001","shippedAt":"%s","allGoodsShipped":true}
                """.formatted(h.clock.instant()));
        assertEquals(200, r.status(), () -> r.body().toString());
    }

    /** Registered (10000 EUR, 20-day limit), shipped now, 5 days passed, buyer applied for {@code amount}. */
    static String filed(Harness h, String orderId, long amount) {
        register(h, orderId, 10_000, 20);
        ship(h, orderId);
        h.clock.advance(Duration.ofDays(5));
        Response r = apply(h, orderId, amount);
        assertEquals(201, r.status(), () -> r.body().toString());
        return r.text("disputeId");
    }

    static Response apply(Harness h, String orderId, long amount) {
        return h.post(BUYER, "POST /orders/{orderId}/disputes", order(orderId), """
                {"reason":"NOT_AS_DESCRIBED","amount":{"amount":%d,"currency":"EUR"},
                 "returnGoods":false,"description":"colour differs","attachments":["s3://evidence/1.jpg"]}
                """.formatted(amount));
    }
}
