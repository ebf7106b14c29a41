package aftersales.local;

import static aftersales.local.RunningRuntime.await;
import static aftersales.local.RunningRuntime.expect;
import static aftersales.local.RunningRuntime.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aftersales.local.RunningRuntime.Parties;
import aftersales.local.RunningRuntime.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** What the end-to-end tests read off a running runtime's answers. */
final class RuntimeChecks {

    static final Duration CASE_OPENS_WITHIN = Duration.ofSeconds(30);

    private RuntimeChecks() {
    }

    static JsonNode awaitStatus(Parties p, String status) {
        return await(p.disputeId() + " reaches " + status, CASE_OPENS_WITHIN, () -> p.dispute(),
                v -> status.equals(v.path("status").asText()));
    }

    static List<String> actions(JsonNode view) {
        return StreamSupport.stream(view.path("history").spliterator(), false).map(h -> h.path("action").asText()).toList();
    }

    static JsonNode first(JsonNode items, String field, String value) {
        return StreamSupport.stream(items.spliterator(), false).filter(n -> value.equals(n.path(field).asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + items));
    }

    static JsonNode entry(JsonNode view, String action) {
        return first(view.path("history"), "action", action);
    }

    static Instant deadline(JsonNode view, String kind) {
        return instant(first(view.path("deadlines"), "kind", kind).path("at"));
    }

    static void assertResolution(JsonNode view, String basis, long refund, boolean againstSeller) {
        assertEquals("RESOLVED", view.path("status").asText(), view::toString);
        JsonNode r = view.path("resolution");
        assertEquals(basis, r.path("basis").asText(), view::toString);
        assertEquals(refund + " EUR", r.path("refund").path("amount").asLong() + " " + r.path("refund").path("currency")
                .asText(), view::toString);
        assertEquals(againstSeller, r.path("againstSeller").asBoolean(), view::toString);
    }

    /** Exactly one refund instruction for the dispute in the platform's feed (all pages of GET /refund-instructions). */
    static void assertRefundInstruction(RunningRuntime r, Parties p, String basis, long refund,
                                                boolean deliveredNow) {
        String id = p.disputeId() + ".refund";
        JsonNode found = await("refund instruction " + id + " in the feed", Duration.ofSeconds(10), () -> {
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = expect(200, r.get("/refund-instructions?limit=50" + (cursor == null ? ""
                        : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), r.platform()));
                page.path("items").forEach(all::add);
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            return RunningRuntime.JSON.valueToTree(all.stream().filter(i -> id.equals(i.path("instructionId").asText()))
                    .toList());
        }, list -> !list.isEmpty());
        assertEquals(1, found.size(), () -> "one instruction per resolution: " + found);
        JsonNode i = found.get(0);
        assertEquals(p.disputeId(), i.path("disputeId").asText());
        assertEquals(p.buyer(), i.path("buyerId").asText());
        assertEquals(basis, i.path("basis").asText());
        assertEquals(refund, i.path("refund").path("amount").asLong());
        if (deliveredNow) { // the refund FIFO queue's poller, standing in for the payment system, got it
            String delivered = "payment system received refund instruction {\"instructionId\":\"" + id + "\"";
            await(delivered, Duration.ofSeconds(10), () -> BooleanNode.valueOf(r.logText().contains(delivered)),
                    JsonNode::asBoolean);
        }
    }

    static void assertUnauthorized(Response r) {
        assertEquals(401, r.status(), r::toString);
        assertEquals(Map.of("message", "Unauthorized"), RunningRuntime.JSON.convertValue(r.body(), Map.class));
    }
}
