package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.DeadlineKind;
import aftersales.domain.DisputeId;
import aftersales.domain.Effect;
import aftersales.functions.e2e.Harness.Response;
import aftersales.functions.store.DynamoOrderStore;
import aftersales.functions.store.StoredOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** What keeps the rules acting when parts fail: a full record, a lost queue message, a stale index entry. */
class SafetyNetTest {

    private final Harness h = new Harness();

    @Test
    void aRecordFullOfEvidenceRefusesMoreButTheDeadlineStillActs() {
        String id = Fixtures.filed(h, "full-1", 4_000);
        // three bytes a character in UTF-8: the record fills long before the evidence limit per party
        String text = "證".repeat(1_900);
        String attachments = "[" + String.join(",", java.util.Collections.nCopies(10, "\"" + "a".repeat(500) + "\"")) + "]";
        int accepted = 0;
        Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Response r = h.post(i % 2 == 0 ? SELLER : BUYER, "POST /disputes/{disputeId}/evidence", dispute(id),
                    "{\"description\":\"" + text + "\",\"attachments\":" + attachments + "}");
            if (r.status() == 200) {
                accepted++;
            } else {
                refused = r;
            }
        }
        assertTrue(refused != null && accepted > 10, "accepted " + accepted);
        assertEquals(422, refused.status(), refused.body()::toString);
        assertEquals("RECORD_FULL", refused.text("code"));
        assertEquals(java.util.Set.of(), OpenApiSchemas.load().validate("Problem422", refused.body()), "as documented");

        h.clock.advance(Duration.ofDays(5));
        h.fireDeadline("{\"disputeId\":\"" + id + "\"}");
        Response view = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of());
        assertEquals("SELLER_RESPONSE_TIMEOUT", view.text("resolution.basis"));
        assertEquals(accepted + 1, view.body().get("evidence").size(), "the one at filing, and those accepted");
        assertEquals(1, h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of()).body().get("items").size());
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep());
    }

    @Test
    void anEscalationWhoseQueueMessageWasLostIsSentAgainBySweeper() {
        String id = Fixtures.filed(h, "lost-1", 4_000);
        h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(id), "{\"reason\":\"no\"}");
        h.post(BUYER, "POST /disputes/{disputeId}/escalation", dispute(id), "");
        h.receive(h.arbitrationQueue).forEach(m -> h.delete(h.arbitrationQueue, m)); // lost on its way

        h.clock.advance(DynamoOrderStore.INTAKE_GRACE.minusSeconds(1));
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep(), "the intake gets its time first");
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals("{\"due\":1,\"settled\":1}", h.sweep());
        List<Message> again = h.receive(h.arbitrationQueue);
        assertEquals(1, again.size());
        h.deliverToIntake(again);
        assertEquals("IN_ARBITRATION", h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("status"));
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep(), "an open case needs nothing more");
    }

    @Test
    void aDueEntryLeftStaleByARaceIsPutRightByTheNextSweep() {
        String id = Fixtures.filed(h, "stale-1", 4_000);
        DynamoOrderStore orders = h.wiring.orders();
        DisputeId disputeId = DisputeId.parse(id).orElseThrow();
        StoredOrder read = orders.load("stale-1").orElseThrow();
        Effect owed = new Effect.ScheduleDeadline(disputeId, read.order().disputes().getFirst().openDeadlines().stream()
                .filter(d -> d.kind() == DeadlineKind.SELLER_RESPONSE).findFirst().orElseThrow());
        // A writes owing an effect; B writes before A marks it done; A's versioned mark misses: plain remove
        StoredOrder a = orders.save(read, read.order(), List.of(owed), h.clock.instant());
        StoredOrder b = orders.load("stale-1").orElseThrow();
        orders.save(b, b.order(), List.of(), h.clock.instant());
        orders.markDone(a, List.of(owed.id()), h.clock.instant());
        assertTrue(orders.load("stale-1").orElseThrow().pending().isEmpty());

        h.clock.advance(Duration.ofMinutes(3));
        assertEquals("{\"due\":1,\"settled\":1}", h.sweep(), "the entry still says 'effects owed'");
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep(), "and now says the seller's deadline");
    }

    @Test
    void writersThatKeepLosingTheRaceGetBusyWithRetryAfter() {
        var api = new aftersales.functions.http.Api(null, h.clock).route("POST /orders/{orderId}/receipt", (actor, r) -> {
            throw new aftersales.functions.store.ConcurrentChange("o-1");
        });
        var response = api.handle(new aftersales.functions.http.HttpRequest("POST /orders/{orderId}/receipt",
                Map.of("orderId", "o-1"), Map.of(), Map.of(), "", Map.of("sub", "buyer-42", "role", "buyer")));
        assertEquals(503, response.status());
        assertEquals("1", response.headers().get("retry-after"));
        assertEquals(java.util.Set.of(), OpenApiSchemas.load().validate("Problem503", TestJson.parse(response.body())));
    }

    @Test
    void aRepeatedKeyInAJsonObjectIsMalformed() {
        String id = Fixtures.filed(h, "dup-1", 4_000);
        Response r = h.post(BUYER, "POST /disputes/{disputeId}/evidence", dispute(id),
                "{\"description\":\"one\",\"description\":\"two\"}");
        assertEquals(400, r.status());
        assertEquals("body", r.text("errors.0.field"));
    }
}
