package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Deadline;
import aftersales.domain.DeadlineKind;
import aftersales.domain.DisputeId;
import aftersales.functions.json.Json;
import aftersales.functions.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local EventBridge Scheduler: idempotent schedule/cancel, kept in the data folder, fired in instant order. */
class LocalSchedulerTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    static final DisputeId A = new DisputeId("order-a", 1);
    static final DisputeId B = new DisputeId("order-b", 2);

    @TempDir
    Path data;

    private static LocalScheduler.Trigger trigger(Instant at, DisputeId id, DeadlineKind kind) {
        return new LocalScheduler.Trigger(at, id.toString(), kind.name());
    }

    @Test
    void scheduleAndCancelAreIdempotent() {
        LocalScheduler s = new LocalScheduler(data);
        Deadline d = new Deadline(DeadlineKind.SELLER_RESPONSE, T);
        s.schedule(A, d);
        s.schedule(A, d);
        assertEquals(List.of(trigger(T, A, DeadlineKind.SELLER_RESPONSE)), s.pending());

        s.schedule(A, new Deadline(DeadlineKind.ESCALATION, T));
        s.schedule(B, d);
        assertEquals(3, s.pending().size(), "same instant, other kind or dispute: separate triggers");

        s.cancel(A, d);
        s.cancel(A, d);
        s.cancel(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T.plusSeconds(1))); // never scheduled: harmless
        // one instant: the rules' order of kinds, Rule 2's seller deadline before Rule 3's escalation
        assertEquals(List.of(trigger(T, B, DeadlineKind.SELLER_RESPONSE), trigger(T, A, DeadlineKind.ESCALATION)),
                s.pending());
    }

    @Test
    void triggersPersistAcrossInstances() {
        LocalScheduler first = new LocalScheduler(data);
        first.schedule(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T.plusSeconds(60)));
        first.schedule(B, new Deadline(DeadlineKind.ESCALATION, T.plusNanos(1)));
        assertTrue(Files.isRegularFile(data.resolve("schedules.json")));

        LocalScheduler second = new LocalScheduler(data);
        assertEquals(List.of(trigger(T.plusNanos(1), B, DeadlineKind.ESCALATION),
                trigger(T.plusSeconds(60), A, DeadlineKind.SELLER_RESPONSE)), second.pending());

        second.cancel(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T.plusSeconds(60)));
        assertEquals(List.of(trigger(T.plusNanos(1), B, DeadlineKind.ESCALATION)), new LocalScheduler(data).pending(),
                "a cancellation is kept too");
        assertFalse(Files.exists(data.resolve("schedules.json.tmp")), "no temporary file left behind");
    }

    @Test
    void emptyFolderHasNoTriggers(@TempDir Path empty) {
        assertEquals(List.of(), new LocalScheduler(empty).pending());
    }

    @Test
    void fireDueFiresInInstantOrderWithTheSchedulerPayloadAndDeletes() {
        LocalScheduler s = new LocalScheduler(data);
        s.schedule(A, new Deadline(DeadlineKind.ESCALATION, T.plusSeconds(30)));
        s.schedule(B, new Deadline(DeadlineKind.SELLER_RESPONSE, T.minusSeconds(30)));
        s.schedule(B, new Deadline(DeadlineKind.ESCALATION, T.plusSeconds(10)));
        s.schedule(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T.plusSeconds(90))); // not due

        List<String> fired = new ArrayList<>();
        s.fireDue(T.plusSeconds(30), fired::add);

        List<Map<String, String>> payloads = fired.stream().map(LocalSchedulerTest::fields).toList();
        assertEquals(List.of(
                Map.of("disputeId", "order-b~2", "kind", "SELLER_RESPONSE", "at", "2026-03-01T09:59:30Z"),
                Map.of("disputeId", "order-b~2", "kind", "ESCALATION", "at", "2026-03-01T10:00:10Z"),
                Map.of("disputeId", "order-a~1", "kind", "ESCALATION", "at", "2026-03-01T10:00:30Z")), payloads);
        assertEquals(List.of(trigger(T.plusSeconds(90), A, DeadlineKind.SELLER_RESPONSE)), s.pending());
        assertEquals(s.pending(), new LocalScheduler(data).pending(), "the fired ones are gone from the folder too");

        fired.clear();
        s.fireDue(T.plusSeconds(30), fired::add);
        assertEquals(List.of(), fired, "fired once only");
    }

    @Test
    void aTriggerWhoseFiringFailsStaysAndIsNotHammered() {
        LocalScheduler s = new LocalScheduler(data);
        s.schedule(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T));
        s.schedule(B, new Deadline(DeadlineKind.SELLER_RESPONSE, T.plusSeconds(1)));
        List<String> attempts = new ArrayList<>();
        java.util.function.Consumer<String> failingForA = payload -> {
            attempts.add(fields(payload).get("disputeId"));
            if (payload.contains(A.toString())) {
                throw new IllegalStateException("deadline function down");
            }
        };
        s.fireDue(T.plusSeconds(5), failingForA);
        assertEquals(List.of(A.toString(), B.toString()), attempts, "a failure does not hold up the next trigger");
        assertEquals(List.of(trigger(T, A, DeadlineKind.SELLER_RESPONSE)), s.pending(), "the failed one stays");
        assertEquals(s.pending(), new LocalScheduler(data).pending(), "and stays on disk");

        s.fireDue(T.plusSeconds(5), failingForA);
        assertEquals(2, attempts.size(), "tried again only after a pause");
    }

    @Test
    void payloadHasExactlyDisputeIdKindAndAt() {
        JsonValue p = Json.parse(LocalScheduler.payload(trigger(T.plusMillis(5), A, DeadlineKind.SELLER_RESPONSE)));
        assertEquals(Map.of("disputeId", "order-a~1", "kind", "SELLER_RESPONSE", "at", "2026-03-01T10:00:00.005Z"),
                fields(LocalScheduler.payload(trigger(T.plusMillis(5), A, DeadlineKind.SELLER_RESPONSE))));
        assertEquals("order-a~1", p.get("disputeId").asText());
    }

    @Test
    void triggerExactlyAtNowFiresOneNanosecondLaterDoesNot() {
        LocalScheduler s = new LocalScheduler(data);
        s.schedule(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T));
        s.schedule(B, new Deadline(DeadlineKind.SELLER_RESPONSE, T.plusNanos(1)));

        List<String> fired = new ArrayList<>();
        s.fireDue(T, fired::add);
        assertEquals(List.of("order-a~1"), fired.stream().map(f -> fields(f).get("disputeId")).toList());
        assertEquals(List.of(trigger(T.plusNanos(1), B, DeadlineKind.SELLER_RESPONSE)), s.pending());

        s.fireDue(T.plusNanos(1), fired::add);
        assertEquals(List.of("order-a~1", "order-b~2"), fired.stream().map(f -> fields(f).get("disputeId")).toList());
        assertEquals(List.of(), s.pending());
    }

    @Test
    void aTriggerScheduledWhileFiringIsFiredInTheSamePassWhenDue() {
        LocalScheduler s = new LocalScheduler(data);
        s.schedule(A, new Deadline(DeadlineKind.SELLER_RESPONSE, T));
        List<String> fired = new ArrayList<>();
        s.fireDue(T.plusSeconds(5), payload -> {
            fired.add(payload);
            if (fired.size() == 1) { // the deadline handler schedules the next deadline, already due
                s.schedule(A, new Deadline(DeadlineKind.ESCALATION, T.plusSeconds(5)));
            }
        });
        assertEquals(List.of("SELLER_RESPONSE", "ESCALATION"), fired.stream().map(f -> fields(f).get("kind")).toList());
    }

    private static Map<String, String> fields(String json) {
        JsonValue n = Json.parse(json);
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String k : List.of("disputeId", "kind", "at")) {
            if (n.get(k) != null) {
                m.put(k, n.get(k).asText());
            }
        }
        assertEquals(m.size(), n.size(), "payload has only disputeId, kind and at: " + json);
        return m;
    }
}
