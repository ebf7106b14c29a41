package aftersales.local;

import static aftersales.local.RunningRuntime.await;
import static aftersales.local.RunningRuntime.expect;
import static aftersales.local.RunningRuntime.instant;
import static aftersales.local.RuntimeChecks.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.local.RunningRuntime.Parties;
import aftersales.local.RunningRuntime.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of scenarios, then a restart on the same data: nothing is lost, nothing is done twice. */
class LocalRuntimeCrashTest {

    /** This test's runtime, stopped after the test whatever happened. */
    private RunningRuntime crashing;

    @AfterEach
    void stopCrashingRuntime() {
        if (crashing != null) {
            crashing.close();
        }
    }

    @Test
    void aKillNineInTheMiddleOfScenariosLosesNothing(@TempDir Path data) {
        crashing = RunningRuntime.start("crash", data);
        RunningRuntime c = crashing;
        Parties silent = c.shipped("crash-silent", 10);
        Parties accepted = c.shipped("crash-accepted", 10);
        List<Parties> escalating = IntStream.rangeClosed(1, 3).mapToObj(i -> c.shipped("crash-esc-" + i, 10)).toList();
        c.advance("P5D");
        JsonNode silentFiled = silent.file("DAMAGED", 3_000);
        accepted.file("DAMAGED", 1_500);
        for (Parties p : escalating) {
            p.file("WRONG_ITEM", 2_000);
            p.reject();
        }
        JsonNode clockBefore = c.clock();

        // escalate three disputes and accept one at once, and kill -9 the moment they are answered
        List<CompletableFuture<Response>> sent = new ArrayList<>(escalating.stream()
                .map(p -> c.postAsync("/disputes/" + p.disputeId() + "/escalation", p.buyerToken(), null)).toList());
        sent.add(c.postAsync("/disputes/" + accepted.disputeId() + "/acceptance", accepted.sellerToken(), null));
        List<Response> answers = sent.stream().map(CompletableFuture::join).toList();
        long killedPid = c.handle().pid();
        c.kill9();
        answers.forEach(a -> expect(200, a));
        // dynalite's stdin is a pipe from the runtime: with the runtime gone, it ends too, freeing the store
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!c.dynalitesUsingData().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), c.dynalitesUsingData(), "no dynalite outlives the killed runtime");

        c.restart();
        assertNotEquals(killedPid, c.handle().pid());
        List<ProcessHandle> dynalites = c.dynalitesUsingData();
        assertEquals(1, dynalites.size(), () -> "one dynalite for the data folder after the restart: " + dynalites);

        JsonNode clockAfter = c.clock();
        assertFalse(instant(clockAfter.path("now")).isBefore(instant(clockBefore.path("now"))), "no time going back");
        assertEquals(clockBefore.path("offset").asText(), clockAfter.path("offset").asText(), "the offset is kept");

        // the order and its dispute are there, tokens issued before the crash still work, the deadline is pending
        assertEquals(1, silent.order().path("disputes").size());
        JsonNode silentNow = silent.dispute();
        assertEquals("AWAITING_SELLER_RESPONSE", silentNow.path("status").asText());
        assertEquals(silentFiled.path("deadlines"), silentNow.path("deadlines"));
        assertTrue(c.pendingTriggers(silent.disputeId()).contains("SELLER_RESPONSE"), () -> c.clock().toString());

        // every escalation gets its case opened, exactly once, also those whose message died with the process
        int openedAfterRestart = 0;
        for (Parties p : escalating) {
            JsonNode v = awaitStatus(p, "IN_ARBITRATION");
            assertEquals(List.of("APPLICATION_FILED", "SELLER_REJECTED", "ESCALATED", "ARBITRATION_CASE_OPENED"),
                    actions(v));
            Duration gap = Duration.between(instant(entry(v, "ESCALATED").path("at")),
                    instant(entry(v, "ARBITRATION_CASE_OPENED").path("at")));
            if (gap.compareTo(Duration.ofSeconds(2)) > 0) {
                openedAfterRestart++;
            }
        }
        System.out.println("[e2e] cases opened only after the restart (re-sent escalations): " + openedAfterRestart
                + " of " + escalating.size());
        // the refund owed by the acceptance answered just before the kill exists exactly once
        assertResolution(accepted.dispute(), "SELLER_ACCEPTED", 1_500, false);
        assertRefundInstruction(c, accepted, "SELLER_ACCEPTED", 1_500, false);

        // the deadline pending at the crash still fires: 5 days later the seller's silence refunds the buyer
        c.advance("P5D");
        JsonNode resolved = awaitStatus(silent, "RESOLVED");
        assertResolution(resolved, "SELLER_RESPONSE_TIMEOUT", 3_000, true);
        assertEquals(deadline(silentFiled, "SELLER_RESPONSE"), instant(resolved.path("resolution").path("at")));
        assertRefundInstruction(c, silent, "SELLER_RESPONSE_TIMEOUT", 3_000, true);

        // a graceful stop (SIGTERM) leaves no process behind for this data folder, dynalite included
        c.stop();
        await("no process left using " + data, Duration.ofSeconds(15),
                () -> RunningRuntime.JSON.valueToTree(c.processesUsingData().stream().map(h -> h.pid()
                        + " " + h.info().commandLine().orElse("")).toList()),
                JsonNode::isEmpty);
    }
}
