package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.e2e.Harness.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Racing commands on one order: the conditional write lets exactly one win each round, the loser is judged
 * again against the winner's state, and no refund is ever owed twice.
 */
class ConcurrencyTest {

    private final Harness h = new Harness();

    private static List<Response> race(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> c : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @RepeatedTest(3)
    void acceptAndCancelAtOnceResolveTheDisputeExactlyOnce() throws Exception {
        String id = Fixtures.filed(h, "race-1", 3_000);
        List<Response> results = race(List.of(
                () -> h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), ""),
                () -> h.post(BUYER, "POST /disputes/{disputeId}/cancellation", dispute(id), "")));

        long won = results.stream().filter(r -> r.status() == 200).count();
        assertEquals(1, won, () -> results.toString());
        Response loser = results.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertEquals(409, loser.status());
        assertEquals("DISPUTE_RESOLVED", loser.text("code"));

        String basis = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).text("resolution.basis");
        int refunds = h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of()).body().get("items").size();
        assertEquals(basis.equals("SELLER_ACCEPTED") ? 1 : 0, refunds);
    }

    @RepeatedTest(3)
    void aTriggerAndReadsAtTheDeadlineInstantOweOneRefund() throws Exception {
        String id = Fixtures.filed(h, "race-2", 3_000);
        h.clock.advance(Duration.ofDays(5));
        String payload = "{\"disputeId\":\"" + id + "\"}";
        race(List.of(
                () -> {
                    h.fireDeadline(payload);
                    return null;
                },
                () -> {
                    h.fireDeadline(payload);
                    return null;
                },
                () -> h.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(id), ""),
                () -> {
                    h.sweep();
                    return null;
                }));

        Response view = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of());
        assertEquals("SELLER_RESPONSE_TIMEOUT", view.text("resolution.basis"));
        assertEquals(1, h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of()).body().get("items").size());
        assertEquals(1, h.receive(h.refundQueue).size(), "one message on the FIFO queue");
        assertTrue(view.body().get("history").size() == 2, () -> view.body().get("history").toString());
    }

    @RepeatedTest(2)
    void concurrentEvidenceIsAllKept() throws Exception {
        String id = Fixtures.filed(h, "race-3", 3_000);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = "{\"description\":\"photo " + i + "\"}";
            Harness.Caller who = i % 2 == 0 ? BUYER : SELLER;
            calls.add(() -> h.post(who, "POST /disputes/{disputeId}/evidence", dispute(id), body));
        }
        race(calls).forEach(r -> assertEquals(200, r.status(), () -> r.body().toString()));
        // one piece attached at filing, six added concurrently: none lost to a lost update
        assertEquals(7, h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body().get("evidence").size());
    }
}
