package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.ARBITRATOR;
import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.e2e.Harness.Response;
import aftersales.functions.store.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DynamoDB requests per call, counted by the SDK interceptor: a command is one GetItem and one conditional
 * UpdateItem, plus one small UpdateItem marking owed effects done when it owes any; reads are one GetItem or one
 * Query; nothing ever Scans.
 */
class RequestCountTest {

    private static final List<String> READ_WRITE = List.of("GetItem", "UpdateItem");
    private static final List<String> READ_WRITE_MARK = List.of("GetItem", "UpdateItem", "UpdateItem");

    private final Harness h = new Harness();

    /** The DynamoDB operations one call sent, and its response checked for the expected status. */
    private List<String> cost(int status, Supplier<Response> call) {
        h.ddbRequests.takeAll();
        Response r = call.get();
        List<String> sent = h.ddbRequests.takeAll();
        assertEquals(status, r.status(), () -> String.valueOf(r.body()));
        return sent;
    }

    @Test
    void registeringAnOrderIsOnePut() {
        assertEquals(List.of("PutItem"), cost(201, () -> h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-0","buyerId":"b","sellerId":"s","amountPaid":{"amount":100,"currency":"EUR"},
                 "deliveryTimeLimitDays":20}""")));
    }

    @Test
    void aCommandWithoutEffectsIsOneReadAndOneWrite() {
        String id = Fixtures.filed(h, "ord-1", 4_000);
        assertEquals(READ_WRITE, cost(200, () -> h.post(BUYER, "POST /disputes/{disputeId}/evidence", dispute(id),
                "{\"description\":\"photo\"}")));
        assertEquals(READ_WRITE, cost(200, () -> h.post(SELLER, "POST /disputes/{disputeId}/evidence", dispute(id),
                "{\"description\":\"invoice\"}")));
        Fixtures.register(h, "ord-2", 10_000, 20);
        assertEquals(READ_WRITE, cost(200, () -> h.post(SELLER, "POST /orders/{orderId}/shipments", order("ord-2"),
                "{\"carrier\":\"UPS\",\"trackingNumber\":\"1Z\",\"shippedAt\":\"%s\"}".formatted(h.clock.instant()))));
    }

    @Test
    void aCommandOwingEffectsAddsOneUpdateMarkingThemDone() {
        Fixtures.register(h, "ord-3", 10_000, 20);
        Fixtures.ship(h, "ord-3");
        h.clock.advance(Duration.ofDays(5));
        // apply owes two deadline schedules
        assertEquals(READ_WRITE_MARK, cost(201, () -> Fixtures.apply(h, "ord-3", 3_000)));
        assertEquals(2, h.scheduler.live.size());
        String id = "ord-3~1";
        // modify, an hour later, owes a new seller deadline (and cancels the old)
        h.clock.advance(Duration.ofHours(1));
        assertEquals(READ_WRITE_MARK, cost(200, () -> h.post(BUYER, "POST /disputes/{disputeId}/modification",
                dispute(id), "{\"reason\":\"DAMAGED\",\"amount\":{\"amount\":2500,\"currency\":\"EUR\"}}")));
        // a seller rejection cancels the seller's deadline
        assertEquals(READ_WRITE_MARK, cost(200, () -> h.post(SELLER, "POST /disputes/{disputeId}/rejection",
                dispute(id), "{\"reason\":\"not damaged\"}")));
        // escalation sends the case to the queue and cancels the automatic escalation
        assertEquals(READ_WRITE_MARK, cost(200, () -> h.post(BUYER, "POST /disputes/{disputeId}/escalation",
                dispute(id), "")));
        assertEquals(1, h.receive(h.arbitrationQueue).size());
    }

    @Test
    void aRefundAlsoWritesItsLedgerEntryOnce() {
        String id = Fixtures.filed(h, "ord-4", 3_000);
        // the refund instruction is its own item (a conditional put) between the command's write and the mark
        assertEquals(List.of("GetItem", "UpdateItem", "PutItem", "UpdateItem"),
                cost(200, () -> h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), "")));
    }

    @Test
    void aRefusedCommandReadsOnceAndWritesNothing() {
        String id = Fixtures.filed(h, "ord-5", 3_000);
        assertEquals(List.of("GetItem"), cost(409, () -> h.post(BUYER, "POST /disputes/{disputeId}/escalation",
                dispute(id), "")));
        assertEquals(List.of("GetItem"), cost(404, () -> h.post(BUYER, "POST /disputes/{disputeId}/evidence",
                dispute("ord-5~2"), "{\"description\":\"d\"}")));
        assertEquals(List.of("GetItem"), cost(404, () -> h.post(BUYER, "POST /disputes/{disputeId}/evidence",
                dispute("nope~1"), "{\"description\":\"d\"}")));
        assertEquals(List.of(), cost(400, () -> h.post(BUYER, "POST /disputes/{disputeId}/evidence",
                dispute(id), "{}")), "a malformed request never reaches the table");
    }

    @Test
    void readsAreOneGetItemOrOneQuery() {
        String id = Fixtures.filed(h, "ord-6", 3_000);
        assertEquals(List.of("GetItem"), cost(200, () -> h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of())));
        assertEquals(List.of("GetItem"), cost(200, () -> h.get(SELLER, "GET /orders/{orderId}", order("ord-6"), Map.of())));
        assertEquals(List.of("Query"), cost(200, () -> h.get(BUYER, "GET /disputes", Map.of(), Map.of())));
        assertEquals(List.of("Query"), cost(200, () -> h.get(SELLER, "GET /disputes", Map.of(),
                Map.of("status", "AWAITING_SELLER_RESPONSE", "limit", "5"))));
        assertEquals(List.of("Query"), cost(200, () -> h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of())));
        assertEquals(List.of("Query"), cost(200, () -> h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of())));
        assertEquals(List.of("Query"), cost(200, () -> h.get(SELLER, "GET /sellers/{sellerId}/penalties",
                Map.of("sellerId", "seller-7"), Map.of())));
        assertEquals(List.of("GetItem"), cost(404, () -> h.get(PLATFORM, "GET /refund-instructions/{instructionId}",
                Map.of("instructionId", id + ".refund"), Map.of())));
        // a view applies due deadlines to what it shows without writing them
        h.clock.advance(Duration.ofDays(5));
        Response late = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of());
        assertEquals("RESOLVED", late.text("status"));
        assertEquals(List.of("GetItem"), h.ddbRequests.takeAll());
    }

    @Test
    void aDuplicateOrEarlyDeadlineTriggerOnlyReads() {
        String id = Fixtures.filed(h, "ord-7", 3_000);
        String payload = "{\"disputeId\":\"" + id + "\",\"kind\":\"SELLER_RESPONSE\",\"at\":\"x\"}";
        h.ddbRequests.takeAll();
        h.fireDeadline(payload); // nothing due yet
        assertEquals(List.of("GetItem"), h.ddbRequests.takeAll());

        h.clock.advance(Duration.ofDays(5));
        h.fireDeadline(payload); // due: refund the proposal, cancel the escalation schedule
        assertEquals(List.of("GetItem", "UpdateItem", "PutItem", "UpdateItem"), h.ddbRequests.takeAll());
        h.fireDeadline(payload); // delivered again
        assertEquals(List.of("GetItem"), h.ddbRequests.takeAll());
    }

    @Test
    void aSweepWithNothingDueQueriesEveryShardOnce() {
        Fixtures.filed(h, "ord-8", 3_000);
        h.ddbRequests.takeAll();
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep());
        assertEquals(Collections.nCopies(Table.DUE_SHARDS, "Query"), h.ddbRequests.takeAll());
    }

    @Test
    void anOrderWhoseEffectsWereAllDoneInlineLeavesTheDueIndex() {
        String id = Fixtures.filed(h, "ord-11", 3_000);
        // acceptance resolves the dispute: no deadline left, the refund is done inline
        assertEquals(200, h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), "").status());
        h.clock.advance(Duration.ofMinutes(3));
        String first = h.sweep();
        h.clock.advance(Duration.ofMinutes(3));
        h.ddbRequests.takeAll();
        String second = h.sweep();
        List<String> sent = h.ddbRequests.takeAll();
        assertEquals("{\"due\":0,\"settled\":0}", second, () -> "first sweep " + first + ", then " + second
                + " with " + sent + ": the order owes nothing and has no deadline, yet stays due");
        assertEquals(Collections.nCopies(Table.DUE_SHARDS, "Query"), sent);
    }

    @Test
    void aFullLifecycleNeverScans() {
        List<String> all = new ArrayList<>();
        Fixtures.register(h, "ord-9", 10_000, 20);
        Fixtures.ship(h, "ord-9");
        Fixtures.register(h, "ord-10", 10_000, 20);
        Fixtures.ship(h, "ord-10");
        h.clock.advance(Duration.ofDays(5));
        assertEquals(201, Fixtures.apply(h, "ord-9", 6_000).status());
        assertEquals(201, Fixtures.apply(h, "ord-10", 2_000).status());
        all.addAll(h.ddbRequests.takeAll());

        String id = "ord-9~1";
        assertEquals(200, h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(id),
                "{\"reason\":\"no\",\"counterProposal\":{\"amount\":1000,\"currency\":\"EUR\"}}").status());
        assertEquals(200, h.post(BUYER, "POST /disputes/{disputeId}/escalation", dispute(id), "").status());
        all.addAll(h.ddbRequests.takeAll());

        List<Message> onQueue = h.receive(h.arbitrationQueue);
        assertEquals(1, onQueue.size());
        assertTrue(h.deliverToIntake(onQueue).getBatchItemFailures().isEmpty());
        List<String> intake = h.ddbRequests.takeAll();
        assertTrue(intake.size() >= 2 && intake.get(0).equals("GetItem") && intake.get(1).equals("UpdateItem"),
                () -> "intake reads and writes the order: " + intake);
        all.addAll(intake);

        assertEquals(200, h.post(BUYER, "POST /disputes/{disputeId}/evidence", dispute(id),
                "{\"description\":\"photo\"}").status());
        assertEquals(200, h.post(SELLER, "POST /disputes/{disputeId}/evidence", dispute(id),
                "{\"description\":\"invoice\"}").status());
        assertEquals(200, h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of()).status());
        assertEquals(200, h.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(id),
                "{\"refund\":{\"amount\":3000,\"currency\":\"EUR\"},\"violation\":\"late\",\"statement\":\"s\"}").status());
        all.addAll(h.ddbRequests.takeAll());

        // ord-10's seller stays silent: the sweeper and the deadline trigger settle it
        h.clock.advance(Duration.ofDays(5));
        assertTrue(h.sweep().contains("\"settled\":"));
        h.fireDeadline("{\"disputeId\":\"ord-10~1\",\"kind\":\"SELLER_RESPONSE\",\"at\":\"x\"}");
        all.addAll(h.ddbRequests.takeAll());
        assertEquals(200, h.get(BUYER, "GET /disputes", Map.of(), Map.of()).status());
        assertEquals(200, h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of()).status());
        assertEquals(200, h.get(SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of()).status());
        all.addAll(h.ddbRequests.takeAll());

        assertEquals("RESOLVED", h.get(BUYER, "GET /disputes/{disputeId}", dispute("ord-10~1"), Map.of()).text("status"));
        assertEquals("RESOLVED", h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("status"));
        all.addAll(h.ddbRequests.takeAll());
        assertFalse(all.isEmpty());
        assertFalse(all.contains("Scan"), () -> "no Scan anywhere: " + all);
        assertTrue(Set.of("GetItem", "PutItem", "UpdateItem", "Query").containsAll(all),
                () -> "only key-addressed operations and index queries: " + all);
    }
}
