package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.ARBITRATOR;
import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.DeadlineKind;
import aftersales.functions.e2e.Harness.Response;
import aftersales.functions.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Every rule through the deployed handlers, against dynalite and ElasticMQ (and LocalStack, in a subclass). */
class DisputeLifecycleTest {

    final Harness h = new Harness(backend());

    Backend backend() {
        return Backend.emulators();
    }

    @Test
    void applyingBeforeTheWindowOpensIsRefusedWithTheOpeningInstant() {
        Fixtures.register(h, "ord-1", 10_000, 20);
        Fixtures.ship(h, "ord-1");
        Response r = Fixtures.apply(h, "ord-1", 2_000);
        assertEquals(409, r.status());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("WINDOW_NOT_OPEN", r.text("code"));
        assertEquals(Harness.START.plus(Duration.ofDays(5)).toString(), r.text("facts.opensAt"));
    }

    @Test
    void sellerSilenceRefundsTheProposalOnceThroughTheDeadlineTrigger() {
        String id = Fixtures.filed(h, "ord-2", 4_000);
        Response filed = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of());
        assertEquals("AWAITING_SELLER_RESPONSE", filed.text("status"));
        assertEquals("SELLER", filed.text("whoseTurn"));
        assertEquals(2, h.scheduler.live.size(), "seller and escalation deadlines scheduled");

        h.clock.advance(Duration.ofDays(5));
        String payload = "{\"disputeId\":\"" + id + "\",\"kind\":\"SELLER_RESPONSE\",\"at\":\"x\"}";
        h.fireDeadline(payload);
        h.fireDeadline(payload); // EventBridge Scheduler delivers at least once

        Response after = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of());
        assertEquals("RESOLVED", after.text("status"));
        assertEquals("SELLER_RESPONSE_TIMEOUT", after.text("resolution.basis"));
        assertEquals("4000", after.text("resolution.refund.amount"));
        assertTrue(h.scheduler.live.stream().noneMatch(l -> l.deadline().kind() == DeadlineKind.ESCALATION),
                "the escalation schedule was cancelled: " + h.scheduler.live);

        List<Message> refunds = h.receive(h.refundQueue);
        assertEquals(1, refunds.size());
        assertEquals(id + ".refund", Json.parse(refunds.get(0).body()).get("instructionId").asText());
        Response ledger = h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of());
        assertEquals(1, ledger.body().get("items").size());
        assertEquals("4000", ledger.text("items.0.refund.amount"));
    }

    @Test
    void aSellerResponseAtTheDeadlineMeetsTheRefundAlreadyMade() {
        String id = Fixtures.filed(h, "ord-3", 4_000);
        h.clock.advance(Duration.ofDays(5)); // exactly the deadline instant; no trigger has fired
        Response r = h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), "");
        assertEquals(409, r.status());
        assertEquals("SELLER_RESPONSE_DEADLINE_PASSED", r.text("code"));
        // the refusal still stored the deadline's effect
        assertEquals("SELLER_RESPONSE_TIMEOUT",
                h.get(SELLER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("resolution.basis"));
        assertEquals(1, h.receive(h.refundQueue).size());
    }

    @Test
    void rejectionWithCounterProposalThenAgreement() {
        String id = Fixtures.filed(h, "ord-4", 6_000);
        Response rejected = h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(id), """
                {"reason":"colour is as pictured","counterProposal":{"amount":1500,"currency":"EUR"}}""");
        assertEquals(200, rejected.status(), () -> rejected.body().toString());
        assertEquals("AWAITING_BUYER", rejected.text("status"));

        Response mine = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of());
        assertEquals("[\"MODIFY_APPLICATION\",\"ACCEPT_COUNTER_PROPOSAL\",\"ESCALATE\",\"CANCEL\",\"ADD_EVIDENCE\"]",
                mine.body().get("allowedActions").toString());

        Response agreed = h.post(BUYER, "POST /disputes/{disputeId}/counter-proposal-acceptance", dispute(id), "");
        assertEquals(200, agreed.status());
        assertEquals("COUNTER_PROPOSAL_ACCEPTED", agreed.text("resolution.basis"));
        assertEquals("1500", agreed.text("resolution.refund.amount"));
        Response orderView = h.get(BUYER, "GET /orders/{orderId}", order("ord-4"), Map.of());
        assertEquals("8500", orderView.text("refundable.amount"));
    }

    @Test
    void escalationGoesThroughTheQueueToACaseAndARulingWithPenalty() {
        String id = Fixtures.filed(h, "ord-5", 6_000);
        h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(id), "{\"reason\":\"no\"}");
        Response escalated = h.post(BUYER, "POST /disputes/{disputeId}/escalation", dispute(id), "");
        assertEquals("ESCALATED", escalated.text("status"));

        List<Message> onQueue = h.receive(h.arbitrationQueue);
        assertEquals(1, onQueue.size());
        assertTrue(h.deliverToIntake(onQueue).getBatchItemFailures().isEmpty());

        Response cases = h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of());
        assertEquals(id, cases.text("items.0.disputeId"));
        assertEquals("IN_ARBITRATION", cases.text("items.0.status"));

        Response early = h.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(id),
                "{\"refund\":{\"amount\":6000,\"currency\":\"EUR\"},\"violation\":\"misdescribed\",\"statement\":\"s\"}");
        assertEquals("EVIDENCE_PERIOD_RUNNING", early.text("code"));

        h.clock.advance(Duration.ofDays(3));
        Response ruled = h.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(id),
                "{\"refund\":{\"amount\":6000,\"currency\":\"EUR\"},\"violation\":\"misdescribed\",\"statement\":\"s\"}");
        assertEquals(200, ruled.status(), () -> ruled.body().toString());
        assertEquals("ARBITRATION", ruled.text("resolution.basis"));
        assertEquals("true", ruled.text("resolution.againstSeller"));

        Response penalties = h.get(SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"), Map.of());
        assertEquals(1, penalties.body().get("items").size());
        assertEquals("misdescribed", penalties.text("items.0.reason"));
        assertEquals(0, h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of()).body().get("items").size());

        Response again = h.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(id),
                "{\"refund\":{\"amount\":1,\"currency\":\"EUR\"},\"statement\":\"again\"}");
        assertEquals("ALREADY_RULED", again.text("code"));
        // a redelivered arbitration message changes nothing and is not reported as failed
        assertTrue(h.intakeBatch(onQueue).getBatchItemFailures().isEmpty());
    }

    @Test
    void day16EscalationHappensThroughTheSweeperWhenNoTriggerFires() {
        String id = Fixtures.filed(h, "ord-6", 6_000);
        h.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(id), "{\"reason\":\"no\"}");
        h.clock.advance(Duration.ofDays(15));
        assertEquals("{\"due\":1,\"settled\":1}", h.sweep());
        assertEquals("ESCALATED", h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("status"));
        assertEquals(1, h.receive(h.arbitrationQueue).size());
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep());
    }

    @Test
    void effectsLeftOwedWhenTheSchedulerFailedAreFinishedByTheSweeper() {
        Fixtures.register(h, "ord-7", 10_000, 20);
        Fixtures.ship(h, "ord-7");
        h.clock.advance(Duration.ofDays(5));
        h.scheduler.failing = true;
        assertEquals(201, Fixtures.apply(h, "ord-7", 1_000).status());
        assertTrue(h.scheduler.live.isEmpty());
        h.scheduler.failing = false;

        h.clock.advance(Duration.ofMinutes(1));
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep(), "inline effects get a grace period first");
        h.clock.advance(Duration.ofMinutes(2));
        assertEquals("{\"due\":1,\"settled\":1}", h.sweep());
        assertEquals(2, h.scheduler.live.size());
        assertEquals("{\"due\":0,\"settled\":0}", h.sweep(), "nothing owed any more");
    }
}
