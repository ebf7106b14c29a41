package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.ARBITRATOR;
import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.e2e.Harness.Caller;
import aftersales.functions.e2e.Harness.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Who may see and do what: strangers get 404 (ids never leak), roles get 403, listings hold only one's own. */
class AccessTest {

    private static final Caller OTHER_BUYER = Caller.buyer("buyer-99");
    private static final Caller OTHER_SELLER = Caller.seller("seller-99");

    /** Every POST route on a dispute, with a body that would be valid for its rightful caller. */
    private static final Map<String, String> DISPUTE_ROUTES = new LinkedHashMap<>();

    static {
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/modification",
                "{\"reason\":\"OTHER\",\"amount\":{\"amount\":1000,\"currency\":\"EUR\"}}");
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/acceptance", "");
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/rejection", "{\"reason\":\"no\"}");
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/counter-proposal-acceptance", "");
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/escalation", "");
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/cancellation", "");
        DISPUTE_ROUTES.put("POST /disputes/{disputeId}/evidence", "{\"description\":\"d\"}");
        DISPUTE_ROUTES.put("POST /arbitration/cases/{disputeId}/ruling",
                "{\"refund\":{\"amount\":1,\"currency\":\"EUR\"},\"statement\":\"s\"}");
    }

    private static final Map<String, String> ORDER_ROUTES = Map.of(
            "POST /orders/{orderId}/shipments",
            "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\",\"shippedAt\":\"2026-03-01T10:00:00Z\"}",
            "POST /orders/{orderId}/receipt", "",
            "POST /orders/{orderId}/evaluation", "{\"stars\":5}",
            "POST /orders/{orderId}/disputes",
            "{\"reason\":\"OTHER\",\"amount\":{\"amount\":1000,\"currency\":\"EUR\"}}");

    private final Harness h = new Harness();

    @Test
    void strangersGet404ForOrdersDisputesAndEveryCommand() {
        String id = Fixtures.filed(h, "ord-1", 4_000);
        JsonNode before = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body();
        h.ddbRequests.takeAll();
        for (Caller stranger : List.of(OTHER_BUYER, OTHER_SELLER)) {
            assertStatus(404, h.get(stranger, "GET /orders/{orderId}", order("ord-1"), Map.of()), stranger + " order");
            assertStatus(404, h.get(stranger, "GET /disputes/{disputeId}", dispute(id), Map.of()), stranger + " dispute");
            DISPUTE_ROUTES.forEach((route, body) ->
                    assertStatus(404, h.post(stranger, route, dispute(id), body), stranger + " " + route));
            ORDER_ROUTES.forEach((route, body) ->
                    assertStatus(404, h.post(stranger, route, order("ord-1"), body), stranger + " " + route));
        }
        List<String> sent = h.ddbRequests.takeAll();
        assertTrue(sent.stream().allMatch("GetItem"::equals), () -> "strangers only cause reads: " + sent);
        assertEquals(before, h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body());
    }

    @Test
    void strangersCannotTellAnExistingOrderOrDisputeFromAMissingOne() {
        String id = Fixtures.filed(h, "ord-2", 4_000);
        List<Executable> checks = new ArrayList<>();
        for (Caller stranger : List.of(OTHER_BUYER, OTHER_SELLER)) {
            Response[] order = {h.get(stranger, "GET /orders/{orderId}", order("ord-2"), Map.of()),
                    h.get(stranger, "GET /orders/{orderId}", order("missing"), Map.of())};
            checks.add(() -> assertSame(order[0], order[1], stranger + " GET order"));
            Response[] view = {h.get(stranger, "GET /disputes/{disputeId}", dispute(id), Map.of()),
                    h.get(stranger, "GET /disputes/{disputeId}", dispute("missing~1"), Map.of())};
            checks.add(() -> assertSame(view[0], view[1], stranger + " GET dispute"));
            DISPUTE_ROUTES.forEach((route, body) -> {
                Response existing = h.post(stranger, route, dispute(id), body);
                Response missing = h.post(stranger, route, dispute("missing~1"), body);
                checks.add(() -> assertSame(existing, missing, stranger + " " + route));
            });
            ORDER_ROUTES.forEach((route, body) -> {
                Response existing = h.post(stranger, route, order("ord-2"), body);
                Response missing = h.post(stranger, route, order("missing"), body);
                checks.add(() -> assertSame(existing, missing, stranger + " " + route));
            });
        }
        assertAll(checks);
    }

    /** Same status and same problem body: nothing tells the two apart. */
    private static void assertSame(Response existing, Response missing, String what) {
        assertEquals(missing.status(), existing.status(), what);
        assertEquals(missing.body(), existing.body(), what + ": existing vs missing");
    }

    private static void assertStatus(int status, Response r, String what) {
        assertEquals(status, r.status(), () -> what + ": " + r.body());
        assertEquals("application/problem+json", r.contentType(), what);
    }

    @Test
    void arbitratorOnlyRoutesAre403ForEveryoneElse() {
        String id = Fixtures.filed(h, "ord-3", 4_000);
        h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(id), "{\"reason\":\"no\"}");
        h.post(BUYER, "POST /disputes/{disputeId}/escalation", dispute(id), "");
        h.deliverToIntake(h.receive(h.arbitrationQueue));
        h.clock.advance(Duration.ofDays(3)); // a ruling would now be allowed
        String ruling = "{\"refund\":{\"amount\":4000,\"currency\":\"EUR\"},\"statement\":\"s\"}";
        for (Caller other : List.of(BUYER, SELLER, PLATFORM, OTHER_BUYER, OTHER_SELLER)) {
            assertForbidden(h.get(other, "GET /arbitration/cases", Map.of(), Map.of()), other + " list cases");
            assertForbidden(h.get(other, "GET /arbitration/cases/{disputeId}", dispute(id), Map.of()), other + " case");
        }
        for (Caller party : List.of(BUYER, SELLER, PLATFORM)) {
            assertForbidden(h.post(party, "POST /arbitration/cases/{disputeId}/ruling", dispute(id), ruling),
                    party + " ruling");
        }
        assertEquals("IN_ARBITRATION", h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("status"));
        Response cases = h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of());
        assertEquals(200, cases.status());
        assertEquals(id, cases.text("items.0.disputeId"));
        assertEquals(200, h.get(ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute(id), Map.of()).status());
        assertEquals(200, h.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(id), ruling).status());
    }

    private static void assertForbidden(Response r, String what) {
        assertEquals(403, r.status(), () -> what + ": " + r.body());
        assertEquals("application/problem+json", r.contentType(), what);
        assertEquals("ROLE_NOT_ALLOWED", r.text("code"), what);
    }

    @Test
    void platformOnlyRoutesAre403ForEveryoneElse() {
        String id = Fixtures.filed(h, "ord-4", 4_000);
        h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), "");
        h.ddbRequests.takeAll();
        String registration = """
                {"orderId":"ord-x","buyerId":"buyer-42","sellerId":"seller-7",
                 "amountPaid":{"amount":100,"currency":"EUR"},"deliveryTimeLimitDays":10}""";
        for (Caller other : List.of(BUYER, SELLER, ARBITRATOR)) {
            assertForbidden(h.post(other, "POST /orders", Map.of(), registration), other + " register");
            assertForbidden(h.get(other, "GET /refund-instructions", Map.of(), Map.of()), other + " refunds");
            assertForbidden(h.get(other, "GET /refund-instructions/{instructionId}",
                    Map.of("instructionId", id + ".refund"), Map.of()), other + " refund");
        }
        List<String> sent = h.ddbRequests.takeAll();
        assertTrue(sent.isEmpty(), () -> "refused before touching the table: " + sent);
        assertEquals(404, h.get(PLATFORM, "GET /orders/{orderId}", order("ord-x"), Map.of()).status(), "not registered");
        assertEquals(200, h.get(PLATFORM, "GET /refund-instructions/{instructionId}",
                Map.of("instructionId", id + ".refund"), Map.of()).status());
        assertEquals(1, h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of()).body().get("items").size());
    }

    @Test
    void penaltiesAreTheSellersOwnArbitratorsAndThePlatforms() {
        Map<String, String> seller7 = Map.of("sellerId", "seller-7");
        assertStatus(404, h.get(OTHER_SELLER, "GET /sellers/{sellerId}/penalties", seller7, Map.of()), "other seller");
        assertForbidden(h.get(BUYER, "GET /sellers/{sellerId}/penalties", seller7, Map.of()), "buyer");
        assertEquals(200, h.get(SELLER, "GET /sellers/{sellerId}/penalties", seller7, Map.of()).status());
        assertEquals(200, h.get(ARBITRATOR, "GET /sellers/{sellerId}/penalties", seller7, Map.of()).status());
        assertEquals(200, h.get(PLATFORM, "GET /sellers/{sellerId}/penalties", seller7, Map.of()).status());
    }

    @Test
    void onlyBuyersAndSellersListDisputes() {
        assertForbidden(h.get(ARBITRATOR, "GET /disputes", Map.of(), Map.of()), "arbitrator");
        assertForbidden(h.get(PLATFORM, "GET /disputes", Map.of(), Map.of()), "platform");
    }

    private void registerShipped(String orderId, String buyerId, String sellerId) {
        Response r = h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"%s","buyerId":"%s","sellerId":"%s","amountPaid":{"amount":10000,"currency":"EUR"},
                 "deliveryTimeLimitDays":20}""".formatted(orderId, buyerId, sellerId));
        assertEquals(201, r.status(), () -> r.body().toString());
        Response s = h.post(Caller.seller(sellerId), "POST /orders/{orderId}/shipments", order(orderId), """
                {"carrier":"DHL","trackingNumber":"T","shippedAt":"%s","allGoodsShipped":true}""".formatted(h.clock.instant()));
        assertEquals(200, s.status(), () -> s.body().toString());
    }

    private String applyAs(Caller buyer, String orderId) {
        h.clock.advance(Duration.ofMinutes(10)); // every application its own instant
        Response r = h.post(buyer, "POST /orders/{orderId}/disputes", order(orderId),
                "{\"reason\":\"OTHER\",\"amount\":{\"amount\":1000,\"currency\":\"EUR\"}}");
        assertEquals(201, r.status(), () -> r.body().toString());
        return r.text("disputeId");
    }

    /** Follows nextCursor to the end; the ids in the order listed. */
    private List<String> listAll(Caller caller, Optional<String> status) {
        List<String> ids = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
        status.ifPresent(s -> query.put("status", s));
        for (int page = 0; page < 20; page++) {
            Response r = h.get(caller, "GET /disputes", Map.of(), query);
            assertEquals(200, r.status(), () -> r.body().toString());
            assertTrue(r.body().get("items").size() <= 2, r.body().toString());
            r.body().get("items").forEach(i -> ids.add(i.get("disputeId").asText()));
            String next = r.text("nextCursor");
            if (next == null) {
                return ids;
            }
            query.put("cursor", next);
        }
        throw new AssertionError("the cursor never ended: " + ids);
    }

    @Test
    void myDisputesListsOnlyMineNewestActivityFirstAcrossPages() {
        Caller alice = Caller.buyer("alice");
        Caller bob = Caller.buyer("bob");
        for (int i = 1; i <= 5; i++) {
            registerShipped("a-" + i, "alice", "seller-7");
        }
        registerShipped("b-1", "bob", "seller-7");
        registerShipped("b-2", "bob", "seller-8");
        h.clock.advance(Duration.ofDays(5));
        List<String> aliceIds = new ArrayList<>();
        aliceIds.add(applyAs(alice, "a-1"));
        applyAs(bob, "b-1");
        aliceIds.add(applyAs(alice, "a-2"));
        aliceIds.add(applyAs(alice, "a-3"));
        applyAs(bob, "b-2");
        aliceIds.add(applyAs(alice, "a-4"));
        aliceIds.add(applyAs(alice, "a-5"));
        // a-2 sees activity last: it becomes the newest
        h.clock.advance(Duration.ofMinutes(10));
        assertEquals(200, h.post(Caller.seller("seller-7"), "POST /disputes/{disputeId}/rejection",
                dispute("a-2~1"), "{\"reason\":\"no\"}").status());

        List<String> expected = List.of("a-2~1", "a-5~1", "a-4~1", "a-3~1", "a-1~1");
        List<String> listed = listAll(alice, Optional.empty());
        assertEquals(expected, listed, "each once, newest activity first, none of bob's");

        assertEquals(List.of("b-2~1", "b-1~1"), listAll(bob, Optional.empty()));
        List<String> seller7 = listAll(Caller.seller("seller-7"), Optional.empty());
        assertEquals(List.of("a-2~1", "a-5~1", "a-4~1", "a-3~1", "b-1~1", "a-1~1"), seller7);
        assertEquals(List.of("b-2~1"), listAll(Caller.seller("seller-8"), Optional.empty()));
        assertEquals(List.of(), listAll(Caller.buyer("nobody"), Optional.empty()));

        Response firstPage = h.get(alice, "GET /disputes", Map.of(), Map.of("limit", "2"));
        assertEquals(2, firstPage.body().get("items").size());
        assertEquals("a-2~1", firstPage.text("items.0.disputeId"));
        assertEquals("AWAITING_BUYER", firstPage.text("items.0.status"));
        assertEquals("BUYER", firstPage.text("items.0.whoseTurn"));

    }

    @Test
    void anotherCallersCursorIsRefusedNotA5xx() {
        Caller alice = Caller.buyer("alice");
        Caller bob = Caller.buyer("bob");
        for (int i = 1; i <= 3; i++) {
            registerShipped("c-" + i, "alice", "seller-7");
        }
        registerShipped("d-1", "bob", "seller-7");
        h.clock.advance(Duration.ofDays(5));
        for (int i = 1; i <= 3; i++) {
            applyAs(alice, "c-" + i);
        }
        applyAs(bob, "d-1");
        Response firstPage = h.get(alice, "GET /disputes", Map.of(), Map.of("limit", "2"));
        assertEquals(2, firstPage.body().get("items").size());
        // a seller's cursor from the bySeller listing is no buyer cursor
        Response sellerPage = h.get(SELLER, "GET /disputes", Map.of(), Map.of("limit", "1"));
        Response crossed = h.get(alice, "GET /disputes", Map.of(), Map.of("cursor", sellerPage.text("nextCursor")));
        assertEquals(400, crossed.status(), () -> crossed.body().toString());
        // a cursor is the caller's own: bob cannot page through alice's listing with it
        Response borrowed = h.get(bob, "GET /disputes", Map.of(), Map.of("limit", "2",
                "cursor", firstPage.text("nextCursor")));
        assertTrue(borrowed.status() < 500, () -> borrowed.status() + " " + borrowed.body());
        if (borrowed.status() == 200) {
            borrowed.body().get("items").forEach(i -> assertTrue(i.get("disputeId").asText().startsWith("d-"),
                    borrowed.body().toString()));
        } else {
            assertEquals(400, borrowed.status());
            assertEquals("cursor", borrowed.text("errors.0.field"));
        }
    }

    @Test
    void theStatusFilterKeepsOnlyThatStatusAcrossPages() {
        Caller alice = Caller.buyer("alice");
        for (int i = 1; i <= 5; i++) {
            registerShipped("s-" + i, "alice", "seller-7");
        }
        h.clock.advance(Duration.ofDays(5));
        for (int i = 1; i <= 5; i++) {
            applyAs(alice, "s-" + i);
        }
        h.clock.advance(Duration.ofMinutes(10));
        h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute("s-2~1"), "{\"reason\":\"no\"}");
        h.clock.advance(Duration.ofMinutes(10));
        h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute("s-4~1"), "{\"reason\":\"no\"}");
        h.clock.advance(Duration.ofMinutes(10));
        assertEquals(200, h.post(alice, "POST /disputes/{disputeId}/cancellation", dispute("s-3~1"), "").status());

        assertEquals(List.of("s-4~1", "s-2~1"), listAll(alice, Optional.of("AWAITING_BUYER")));
        assertEquals(List.of("s-3~1"), listAll(alice, Optional.of("RESOLVED")));
        assertEquals(List.of("s-5~1", "s-1~1"), listAll(alice, Optional.of("AWAITING_SELLER_RESPONSE")));
        assertEquals(List.of(), listAll(alice, Optional.of("IN_ARBITRATION")));
        Response one = h.get(alice, "GET /disputes", Map.of(), Map.of("status", "RESOLVED", "limit", "100"));
        assertEquals(1, one.body().get("items").size());
        assertEquals("RESOLVED", one.text("items.0.status"));
        assertNull(one.text("nextCursor"));
        assertTrue(one.body().get("items").get(0).has("history"), "every dispute response carries its history");
        assertFalse(one.body().get("items").get(0).has("evidence"), "a listing shows summaries");
    }
}
