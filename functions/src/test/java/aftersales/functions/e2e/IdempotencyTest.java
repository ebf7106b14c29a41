package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.e2e.Harness.Caller;
import aftersales.functions.e2e.Harness.Response;
import aftersales.functions.store.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POSTs: same key and request → the first response once more; the command ran once. */
class IdempotencyTest {

    private static final String EVIDENCE = "POST /disputes/{disputeId}/evidence";
    private static final String APPLY = "POST /orders/{orderId}/disputes";
    private static final String PHOTO = "{\"description\":\"photo of the label\",\"attachments\":[\"s3://e/1.jpg\"]}";

    private final Harness h = new Harness();

    private int filedWith;

    private String filed(String orderId) {
        String id = Fixtures.filed(h, orderId, 4_000);
        filedWith = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body().get("evidence").size();
        return id;
    }

    /** Evidence added since filing (the application's own attachments count as evidence). */
    private int evidenceCount(String id) {
        return h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body().get("evidence").size() - filedWith;
    }

    private static String replayed(Response r) {
        return r.headers().get("idempotent-replayed");
    }

    @Test
    void sameKeySameBodyAddsEvidenceOnceAndReplaysTheFirstResponse() {
        String id = filed("ord-1");
        Response first = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "key-1");
        assertEquals(200, first.status(), () -> first.body().toString());
        assertNull(replayed(first), "a first response is not a replay");
        h.ddbRequests.takeAll();

        Response second = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "key-1");
        List<String> sent = h.ddbRequests.takeAll();
        assertEquals(first.status(), second.status());
        assertEquals(first.body(), second.body());
        assertEquals("application/json", second.contentType());
        assertEquals("true", replayed(second));
        assertFalse(sent.contains("UpdateItem"), () -> "a replay runs nothing: " + sent);
        assertEquals(1, evidenceCount(id));

        Response third = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "key-1");
        assertEquals(first.body(), third.body());
        assertEquals(1, evidenceCount(id));
    }

    @Test
    void aRetriedApplicationReturnsTheSame201AndDisputeNotAConflict() {
        Fixtures.register(h, "ord-2", 10_000, 20);
        Fixtures.ship(h, "ord-2");
        h.clock.advance(Duration.ofDays(5));
        String body = "{\"reason\":\"GOODS_IN_TRANSIT\",\"amount\":{\"amount\":2500,\"currency\":\"EUR\"}}";
        Response first = h.post(BUYER, APPLY, order("ord-2"), body, "apply-1");
        assertEquals(201, first.status(), () -> first.body().toString());
        h.clock.advance(Duration.ofSeconds(5)); // a client's retry comes a little later

        Response retry = h.post(BUYER, APPLY, order("ord-2"), body, "apply-1");
        assertEquals(201, retry.status(), () -> retry.body().toString());
        assertEquals(first.text("disputeId"), retry.text("disputeId"));
        assertEquals(first.body(), retry.body());
        assertEquals(first.headers().get("location"), retry.headers().get("location"));
        assertEquals("true", replayed(retry));
        assertEquals(1, h.get(BUYER, "GET /orders/{orderId}", order("ord-2"), Map.of()).body().get("disputes").size());
        assertEquals(2, h.scheduler.live.size(), "deadlines scheduled once");

        // without the key, the same request is a second application: refused
        Response again = h.post(BUYER, APPLY, order("ord-2"), body);
        assertEquals(409, again.status());
        assertEquals("DISPUTE_ALREADY_OPEN", again.text("code"));
    }

    @Test
    void aRetriedAcceptanceIssuesOneRefundInstruction() {
        String id = Fixtures.filed(h, "ord-3", 3_000);
        Response first = h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), "", "accept-1");
        assertEquals(200, first.status(), () -> first.body().toString());
        Response retry = h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), "", "accept-1");
        assertEquals(200, retry.status(), () -> retry.body().toString());
        assertEquals(first.body(), retry.body());
        assertEquals("true", replayed(retry));

        assertEquals(1, h.receive(h.refundQueue).size());
        Response ledger = h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of());
        assertEquals(1, ledger.body().get("items").size());
        assertEquals("3000", ledger.text("items.0.refund.amount"));
        assertEquals("3000", h.get(BUYER, "GET /orders/{orderId}", order("ord-3"), Map.of()).text("refunded.amount"));
    }

    @Test
    void sameKeyWithAnotherRequestIs422AndRunsNothing() {
        String id = filed("ord-4");
        assertEquals(200, h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "key-4").status());

        Response otherBody = h.post(BUYER, EVIDENCE, dispute(id), "{\"description\":\"another photo\"}", "key-4");
        assertEquals(422, otherBody.status(), () -> otherBody.body().toString());
        assertEquals("application/problem+json", otherBody.contentType());
        assertEquals("IDEMPOTENCY_KEY_REUSED", otherBody.text("code"));
        assertNull(replayed(otherBody));
        assertEquals(1, evidenceCount(id));

        Response otherRoute = h.post(BUYER, "POST /disputes/{disputeId}/cancellation", dispute(id), "", "key-4");
        assertEquals(422, otherRoute.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", otherRoute.text("code"));
        assertEquals("AWAITING_SELLER_RESPONSE",
                h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("status"), "not cancelled");

        Fixtures.register(h, "ord-5", 10_000, 20);
        Response otherPath = h.post(BUYER, APPLY, order("ord-5"), "{}", "key-4");
        assertEquals(422, otherPath.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", otherPath.text("code"));
    }

    @Test
    void keysAreScopedPerCaller() {
        String id = filed("ord-6");
        Response buyer = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "shared-key");
        Response seller = h.post(SELLER, EVIDENCE, dispute(id), PHOTO, "shared-key");
        assertEquals(200, buyer.status());
        assertEquals(200, seller.status(), () -> seller.body().toString());
        assertNull(replayed(seller), "the seller's request is its own, not the buyer's replayed");
        assertEquals(2, evidenceCount(id));

        // the same subject under another role is another caller too
        Caller sameSubAsSeller = Caller.seller("buyer-42");
        Response stranger = h.post(sameSubAsSeller, EVIDENCE, dispute(id), PHOTO, "shared-key");
        assertEquals(404, stranger.status(), () -> stranger.body().toString());
        assertNull(replayed(stranger));

        // another buyer on their own order with the same key
        h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-7","buyerId":"buyer-43","sellerId":"seller-7",
                 "amountPaid":{"amount":5000,"currency":"EUR"},"deliveryTimeLimitDays":20}""");
        Fixtures.ship(h, "ord-7");
        h.clock.advance(Duration.ofDays(5));
        String body = "{\"reason\":\"OTHER\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"}}";
        Response mine = h.post(BUYER, APPLY, order("ord-7"), body, "apply-key");
        assertEquals(404, mine.status(), "not buyer-42's order");
        Response theirs = h.post(Caller.buyer("buyer-43"), APPLY, order("ord-7"), body, "apply-key");
        assertEquals(201, theirs.status(), () -> theirs.body().toString());
        assertNull(replayed(theirs), "buyer-43 must not get buyer-42's 404 replayed");
    }

    @Test
    void aRefusalReplaysAsTheSameRefusalEvenOnceItWouldSucceed() {
        Fixtures.register(h, "ord-8", 10_000, 20);
        Fixtures.ship(h, "ord-8");
        String body = "{\"reason\":\"OTHER\",\"amount\":{\"amount\":1000,\"currency\":\"EUR\"}}";
        Response early = h.post(BUYER, APPLY, order("ord-8"), body, "early");
        assertEquals(409, early.status());
        assertEquals("WINDOW_NOT_OPEN", early.text("code"));

        h.clock.advance(Duration.ofDays(5)); // the window is open now
        Response retry = h.post(BUYER, APPLY, order("ord-8"), body, "early");
        assertEquals(409, retry.status());
        assertEquals("WINDOW_NOT_OPEN", retry.text("code"));
        assertEquals(early.body(), retry.body());
        assertEquals("application/problem+json", retry.contentType());
        assertEquals("true", replayed(retry));
        assertEquals(0, h.get(BUYER, "GET /orders/{orderId}", order("ord-8"), Map.of()).body().get("disputes").size());

        assertEquals(201, h.post(BUYER, APPLY, order("ord-8"), body, "later").status(), "a new key runs anew");
    }

    @Test
    void aBadRequestReplaysAsTheSame400() {
        String id = filed("ord-9");
        Response bad = h.post(BUYER, EVIDENCE, dispute(id), "{\"descripton\":\"typo\"}", "k400");
        assertEquals(400, bad.status());
        Response again = h.post(BUYER, EVIDENCE, dispute(id), "{\"descripton\":\"typo\"}", "k400");
        assertEquals(400, again.status());
        assertEquals(bad.body(), again.body());
        assertEquals("true", replayed(again));
    }

    @Test
    void invalidKeysAre400AndRunNothing() {
        String id = filed("ord-10");
        h.ddbRequests.takeAll();
        for (String key : List.of("", " ", "k".repeat(256), "ключ", "a b", "tab\tkey", "new\nline")) {
            Response r = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, key);
            String seen = r.status() + " " + r.body();
            assertEquals(400, r.status(), seen);
            assertEquals("application/problem+json", r.contentType(), seen);
            assertEquals("INVALID_REQUEST", r.text("code"), seen);
            assertEquals("Idempotency-Key", r.text("errors.0.field"), seen);
            List<String> sent = h.ddbRequests.takeAll();
            assertTrue(sent.isEmpty(), () -> "nothing sent for key '" + key + "': " + sent);
        }
        assertEquals(0, evidenceCount(id));
        Response longest = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "k".repeat(255));
        assertEquals(200, longest.status(), () -> longest.body().toString());
        assertEquals(1, evidenceCount(id));
    }

    @Test
    void whileTheFirstRequestRunsTheSameKeyIs409UntilItsLeaseEnds() {
        String id = filed("ord-11");
        // another Lambda instance has claimed the key for this very request and not finished (yet)
        IdempotencyStore store = h.wiring.idempotency();
        var claim = store.claim("BUYER#buyer-42", "busy", requestHash(EVIDENCE, dispute(id), PHOTO), h.clock.instant());
        assertTrue(claim instanceof IdempotencyStore.Claim.Claimed, claim.toString());

        Response busy = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "busy");
        assertEquals(409, busy.status(), () -> busy.body().toString());
        assertEquals("IDEMPOTENCY_KEY_IN_USE", busy.text("code"));
        assertEquals("application/problem+json", busy.contentType());
        assertEquals(0, evidenceCount(id));

        Response different = h.post(BUYER, EVIDENCE, dispute(id), "{\"description\":\"x\"}", "busy");
        assertEquals(422, different.status());

        h.clock.advance(Duration.ofSeconds(31)); // the first one died: its lease ran out
        Response taken = h.post(BUYER, EVIDENCE, dispute(id), PHOTO, "busy");
        assertEquals(200, taken.status(), () -> taken.body().toString());
        assertEquals(1, evidenceCount(id));
    }

    /** The request fingerprint the API keys on: route key, path parameters, body. */
    private static String requestHash(String routeKey, Map<String, String> path, String body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(routeKey.getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(path).forEach((k, v) -> d.update((k + "=" + v + ";").getBytes(StandardCharsets.UTF_8)));
            d.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void getRequestsIgnoreTheKey() {
        String id = filed("ord-12");
        h.ddbRequests.takeAll();
        Response r = h.call(Harness.event(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of(), null,
                Map.of("Idempotency-Key", "")));
        assertEquals(200, r.status());
        assertNull(replayed(r));
        assertEquals(List.of("GetItem"), h.ddbRequests.takeAll());
    }
}
