package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.ARBITRATOR;
import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static aftersales.functions.e2e.OpenApiScenario.application;
import static aftersales.functions.e2e.OpenApiScenario.brokenQueries;
import static aftersales.functions.e2e.OpenApiScenario.expect;
import static aftersales.functions.e2e.OpenApiScenario.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.e2e.Harness.Caller;
import aftersales.functions.e2e.Harness.Response;
import aftersales.functions.e2e.OpenApiScenario.Call;
import aftersales.functions.http.Api;
import aftersales.functions.http.CommandRoutes;
import aftersales.functions.http.QueryRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml against the real handlers: every route and the main statuses are driven through the Lambda
 * handlers on the emulators, and each response (status, content type, headers, body) must be what the document
 * says for that operation. Requests are checked too: what the handlers accept validates against the documented
 * request schema and parameters, and bodies the handlers reject as 400 are rejected by the schema as well. The
 * exchanges are driven and checked by {@link OpenApiScenario}.
 */
class OpenApiContractTest {

    private static final Set<Integer> MAIN_STATUSES = Set.of(200, 201, 400, 401, 403, 404, 409, 413, 422, 500);

    private final OpenApiSchemas api = OpenApiSchemas.load();

    @Test
    void theDocumentedRoutesAreExactlyTheHandlersRoutes() {
        Set<String> handled = new TreeSet<>(new CommandRoutes(null).commands(new Api(null, InstantSource.system()))
                .routeKeys());
        handled.addAll(new QueryRoutes(null, null, null, null).queries(new Api(null, InstantSource.system())).routeKeys());
        assertEquals(21, handled.size(), "the README lists 21 routes: " + handled);
        assertEquals(handled, api.routeKeys(), api.file + " paths vs the handlers' route keys");
        assertEquals("3.1.0", api.doc.path("openapi").asText());
    }

    @Test
    void theSecuritySchemeIsABearerJwtWithSubjectAndRoleClaims() {
        JsonNode scheme = api.doc.path("components").path("securitySchemes").path("jwt");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals("JWT", scheme.path("bearerFormat").asText());
        assertEquals("[{\"jwt\":[]}]", api.doc.path("security").toString(), "every route needs the token");
        JsonNode claims = scheme.path("x-claims");
        assertTrue(api.validate(claims, TestJson.parse("{\"sub\":\"buyer-42\",\"role\":\"buyer\"}")).isEmpty());
        assertFalse(api.validate(claims, TestJson.parse("{\"sub\":\"x\",\"role\":\"system\"}")).isEmpty(),
                "system is never a caller over HTTP");
        // every POST takes the Idempotency-Key header
        for (String route : api.routeKeys()) {
            boolean keyed = api.parameters(route).stream()
                    .anyMatch(p -> p.path("in").asText().equals("header") && p.path("name").asText().equals("Idempotency-Key"));
            assertEquals(route.startsWith("POST "), keyed, route + " Idempotency-Key");
        }
    }

    /** The validator is not vacuous: references resolve and drift in a body is caught. */
    @Test
    void theSchemasRejectDrift() {
        assertFalse(api.validate("DisputeView", TestJson.parse("{}")).isEmpty());
        assertFalse(api.validate("Money", TestJson.parse("{\"amount\":1.5,\"currency\":\"EUR\"}")).isEmpty());
        assertFalse(api.validate("Money", TestJson.parse("{\"amount\":1,\"currency\":\"eur\"}")).isEmpty());
        assertFalse(api.validate("Money", TestJson.parse("{\"amount\":-1,\"currency\":\"EUR\"}")).isEmpty());
        assertFalse(api.validate("Deadline", TestJson.parse("{\"kind\":\"SELLER_RESPONSE\",\"at\":\"tomorrow\"}")).isEmpty(),
                "date-time is asserted");
        assertTrue(api.validate("Deadline", TestJson.parse("{\"kind\":\"SELLER_RESPONSE\",\"at\":\"2026-03-01T10:00:00Z\"}"))
                .isEmpty());
        assertFalse(api.validate("Problem404", TestJson.parse("""
                {"type":"urn:aftersales:problem:not-found","title":"t","status":404,"detail":"d","code":"NOPE"}"""))
                .isEmpty());
        assertFalse(api.validate("DisputeSummaryPage", TestJson.parse("{\"items\":[]}")).isEmpty(), "nextCursor is required");
        assertTrue(api.validate("DisputeSummaryPage", TestJson.parse("{\"items\":[],\"nextCursor\":null}")).isEmpty());
    }

    @Test
    void everyRouteAnswersAsDocumented() {
        Harness h = new Harness();
        OpenApiScenario s = new OpenApiScenario(api, h);

        // ---- orders: register (201, then 200 for the same registration), ship, view ----
        for (String id : List.of("ord-a", "ord-b", "ord-c", "ord-d", "ord-e")) {
            Response created = s.post(PLATFORM, "POST /orders", Map.of(), registration(id, 10_000));
            expect(201, created);
            assertEquals("/orders/" + id, created.headers().get("location"));
        }
        expect(200, s.post(PLATFORM, "POST /orders", Map.of(), registration("ord-a", 10_000)));
        expect(409, s.post(PLATFORM, "POST /orders", Map.of(), registration("ord-a", 9_000))); // ORDER_EXISTS
        expect(200, s.get(BUYER, "GET /orders/{orderId}", order("ord-a"), Map.of())); // nothing shipped yet
        expect(200, s.get(SELLER, "GET /orders/{orderId}", order("ord-a"), Map.of())); // may record a shipment
        for (String id : List.of("ord-a", "ord-b", "ord-c", "ord-d", "ord-e")) {
            expect(200, s.post(SELLER, "POST /orders/{orderId}/shipments", order(id), """
                    {"carrier":"DHL","trackingNumber":"JD0001","shippedAt":"%s","allGoodsShipped":true}"""
                    .formatted(h.clock.instant())));
        }
        Response window = expect(409, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-a"), application(2_000)));
        assertEquals("WINDOW_NOT_OPEN", window.text("code"));
        assertNotNull(window.text("facts.opensAt"));
        h.clock.advance(Duration.ofDays(5));
        expect(200, s.get(SELLER, "GET /orders/{orderId}", order("ord-a"), Map.of()));
        expect(200, s.get(BUYER, "GET /orders/{orderId}", order("ord-e"), Map.of())); // may confirm receipt, apply

        Response above = expect(422, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), application(10_001)));
        assertEquals("AMOUNT_ABOVE_REFUNDABLE", above.text("code"));
        assertEquals("10000", above.text("facts.refundable"));

        // ---- ord-a: apply, modify, reject with a counter-proposal, accept it -> a refund instruction ----
        Response filed = expect(201, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-a"), application(4_000)));
        String a = filed.text("disputeId");
        assertEquals("/disputes/" + a, filed.headers().get("location"));
        expect(200, s.get(BUYER, "GET /disputes/{disputeId}", dispute(a), Map.of()));
        expect(200, s.get(PLATFORM, "GET /disputes/{disputeId}", dispute(a), Map.of()));
        expect(200, s.post(BUYER, "POST /disputes/{disputeId}/modification", dispute(a), """
                {"reason":"DAMAGED","amount":{"amount":3500,"currency":"EUR"},"returnGoods":true,"description":"cracked"}"""));
        Response rejected = expect(200, s.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(a), """
                {"reason":"as pictured","counterProposal":{"amount":1500,"currency":"EUR"},"attachments":["s3://e/2.jpg"]}"""));
        assertEquals("AWAITING_BUYER", rejected.text("status"));
        expect(200, s.get(BUYER, "GET /disputes/{disputeId}", dispute(a), Map.of())); // may accept the counter-proposal
        Response agreed = expect(200, s.post(BUYER, "POST /disputes/{disputeId}/counter-proposal-acceptance", dispute(a), ""));
        assertEquals("COUNTER_PROPOSAL_ACCEPTED", agreed.text("resolution.basis"));
        assertTrue(agreed.body().get("whoseTurn").isNull());

        // ---- ord-b: the seller accepts; ord-c: the buyer withdraws (with an empty-object body) ----
        String b = expect(201, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-b"), application(2_500)))
                .text("disputeId");
        expect(200, s.get(SELLER, "GET /disputes/{disputeId}", dispute(b), Map.of())); // may accept or reject
        expect(200, s.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(b), ""));
        String c = expect(201, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-c"), application(1_000)))
                .text("disputeId");
        expect(200, s.post(BUYER, "POST /disputes/{disputeId}/cancellation", dispute(c), "{}"));

        // ---- ord-d: reject, escalate, evidence (idempotent replay), arbitration, ruling with a penalty ----
        String d = expect(201, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-d"), application(6_000)))
                .text("disputeId");
        expect(200, s.post(SELLER, "POST /disputes/{disputeId}/rejection", dispute(d), "{\"reason\":\"no\"}"));
        Response escalated = expect(200, s.post(BUYER, "POST /disputes/{disputeId}/escalation", dispute(d), ""));
        assertEquals("ESCALATED", escalated.text("status"));
        String evidence = "{\"description\":\"photos\",\"attachments\":[\"s3://e/3.jpg\"]}";
        expect(200, s.postKeyed(BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), evidence, "ev-1"));
        Response replay = expect(200, s.postKeyed(BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), evidence, "ev-1"));
        assertEquals("true", replay.headers().get("idempotent-replayed"));
        Response reused = expect(422, s.postKeyed(BUYER, "POST /disputes/{disputeId}/evidence", dispute(d),
                "{\"description\":\"other\"}", "ev-1"));
        assertEquals("IDEMPOTENCY_KEY_REUSED", reused.text("code"));
        assertTrue(h.deliverToIntake(h.receive(h.arbitrationQueue)).getBatchItemFailures().isEmpty());
        Response cases = expect(200, s.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of("limit", "10")));
        assertEquals(d, cases.text("items.0.disputeId"));
        Response caseView = expect(200, s.get(ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute(d), Map.of()));
        assertEquals("IN_ARBITRATION", caseView.text("status"));
        String ruling = "{\"refund\":{\"amount\":6000,\"currency\":\"EUR\"},\"violation\":\"misdescribed\",\"statement\":\"s\"}";
        Response early = expect(409, s.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(d), ruling));
        assertEquals("EVIDENCE_PERIOD_RUNNING", early.text("code"));
        // once both parties have given evidence the arbitrator may rule at once
        expect(200, s.post(SELLER, "POST /disputes/{disputeId}/evidence", dispute(d), "{\"description\":\"invoice\"}"));
        expect(200, s.get(ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute(d), Map.of())); // may rule
        Response ruled = expect(200, s.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(d), ruling));
        assertEquals("misdescribed", ruled.text("resolution.ruling.violation"));
        Response penalties = expect(200, s.get(SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of()));
        assertEquals(1, penalties.body().get("items").size());
        expect(200, s.get(ARBITRATOR, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"), Map.of()));

        // ---- refund instructions (ord-a, ord-b, ord-d), one page of two then the rest ----
        Response page1 = expect(200, s.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of("limit", "2")));
        assertEquals(2, page1.body().get("items").size());
        assertTrue(page1.body().get("nextCursor").isTextual(), "a next page: " + page1.body());
        Response page2 = expect(200, s.get(PLATFORM, "GET /refund-instructions", Map.of(),
                Map.of("limit", "2", "cursor", page1.text("nextCursor"))));
        assertEquals(1, page2.body().get("items").size());
        String instruction = page1.text("items.0.instructionId");
        expect(200, s.get(PLATFORM, "GET /refund-instructions/{instructionId}", Map.of("instructionId", instruction),
                Map.of()));

        // ---- my disputes: filtered, paged ----
        Response resolved = expect(200, s.get(BUYER, "GET /disputes", Map.of(), Map.of("status", "RESOLVED", "limit", "1")));
        assertTrue(resolved.body().get("nextCursor").isTextual(), resolved.body().toString());
        expect(200, s.get(BUYER, "GET /disputes", Map.of(), Map.of("status", "RESOLVED", "cursor",
                resolved.text("nextCursor"))));
        Response sellers = expect(200, s.get(SELLER, "GET /disputes", Map.of(), Map.of()));
        assertEquals(4, sellers.body().get("items").size());
        assertTrue(sellers.body().get("nextCursor").isNull());

        // ---- ord-e: receipt, then the evaluation of the complete order ----
        expect(200, s.post(BUYER, "POST /orders/{orderId}/receipt", order("ord-e"), ""));
        Response evaluated = expect(200, s.post(BUYER, "POST /orders/{orderId}/evaluation", order("ord-e"),
                "{\"stars\":4,\"comment\":\"fine\"}"));
        assertEquals("POSITIVE", evaluated.text("evaluation.sentiment"));
        expect(409, s.post(BUYER, "POST /orders/{orderId}/evaluation", order("ord-e"), "{\"stars\":2}"));

        // ---- 400: bodies the handlers reject are rejected by the documented request schemas too ----
        s.badBody(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-x","buyerId":"b","sellerId":"s","amountPaid":{"amount":1,"currency":"EUR"},"deliveryTimeLimitDays":9,
                 "extra":1}""");
        s.badBody(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-x","buyerId":"b","amountPaid":{"amount":1,"currency":"EUR"},"deliveryTimeLimitDays":9}""");
        s.badBody(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-x","buyerId":"b","sellerId":"s","amountPaid":{"amount":1.5,"currency":"EUR"},"deliveryTimeLimitDays":9}""");
        s.badBody(SELLER, "POST /orders/{orderId}/shipments", order("ord-e"), """
                {"carrier":"DHL","trackingNumber":7,"shippedAt":"2026-03-01T10:00:00Z"}""");
        s.badBody(SELLER, "POST /orders/{orderId}/shipments", order("ord-e"), """
                {"carrier":"DHL","trackingNumber":"J","shippedAt":"yesterday"}""");
        s.badBody(BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), """
                {"reason":"DAMAGED","amount":{"amount":100,"currency":"EUR"},"urgent":true}""");
        s.badBody(BUYER, "POST /orders/{orderId}/evaluation", order("ord-e"), "{\"stars\":6}");
        s.badBody(BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), """
                {"reason":"BORED","amount":{"amount":100,"currency":"EUR"}}""");
        s.badBody(BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), """
                {"reason":"DAMAGED","amount":{"amount":100,"currency":"EUR","cents":true}}""");
        s.badBody(BUYER, "POST /disputes/{disputeId}/modification", dispute(a), "{\"reason\":\"DAMAGED\"}");
        s.badBody(SELLER, "POST /disputes/{disputeId}/rejection", dispute(a), "{\"counterProposal\":{\"amount\":1,\"currency\":\"EUR\"}}");
        s.badBody(BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), "{\"description\":\"x\",\"attachments\":[1]}");
        s.badBody(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(d), "{\"refund\":{\"amount\":1,\"currency\":\"EUR\"}}");
        s.badBody(SELLER, "POST /disputes/{disputeId}/acceptance", dispute(a), "{\"note\":\"hi\"}");
        s.badBody(BUYER, "POST /disputes/{disputeId}/escalation", dispute(a), "[]");
        Response malformed = expect(400, s.post(BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), "{\"reason\":"));
        assertEquals("body", malformed.text("errors.0.field"));
        expect(400, s.postKeyed(BUYER, "POST /orders/{orderId}/receipt", order("ord-e"), "", "has space"));
        s.badQuery(BUYER, "GET /disputes", Map.of("limit", "0"));
        s.badQuery(BUYER, "GET /disputes", Map.of("status", "OPEN"));
        s.badQuery(ARBITRATOR, "GET /arbitration/cases", Map.of("limit", "101"));
        s.badQuery(PLATFORM, "GET /refund-instructions", Map.of("limit", "ten"));
        expect(400, s.get(SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of("cursor", "not-a-cursor")));

        // ---- 401: no claims, or a role that is not a caller ----
        expect(401, s.get(null, "GET /orders/{orderId}", order("ord-a"), Map.of()));
        expect(401, s.post(null, "POST /orders/{orderId}/receipt", order("ord-e"), ""));
        expect(401, s.get(new Caller("system", "x"), "GET /disputes", Map.of(), Map.of()));

        // ---- 403: routes for other roles ----
        expect(403, s.post(BUYER, "POST /orders", Map.of(), registration("ord-z", 100)));
        expect(403, s.get(SELLER, "GET /arbitration/cases", Map.of(), Map.of()));
        expect(403, s.get(BUYER, "GET /arbitration/cases/{disputeId}", dispute(d), Map.of()));
        expect(403, s.get(ARBITRATOR, "GET /disputes", Map.of(), Map.of()));
        expect(403, s.get(BUYER, "GET /refund-instructions", Map.of(), Map.of()));
        expect(403, s.get(SELLER, "GET /refund-instructions/{instructionId}", Map.of("instructionId", instruction), Map.of()));
        expect(403, s.get(BUYER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"), Map.of()));
        expect(403, s.post(SELLER, "POST /orders/{orderId}/receipt", order("ord-b"), ""));

        // ---- 404: unknown ids, and others' objects ----
        expect(404, s.get(BUYER, "GET /orders/{orderId}", order("nope"), Map.of()));
        expect(404, s.get(Caller.buyer("someone-else"), "GET /orders/{orderId}", order("ord-a"), Map.of()));
        expect(404, s.get(BUYER, "GET /disputes/{disputeId}", dispute("nope~1"), Map.of()));
        expect(404, s.get(Caller.seller("seller-9"), "GET /disputes/{disputeId}", dispute(a), Map.of()));
        expect(404, s.get(ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute("ord-a~9"), Map.of()));
        expect(404, s.get(PLATFORM, "GET /refund-instructions/{instructionId}", Map.of("instructionId", "nope~1.refund"),
                Map.of()));
        expect(404, s.get(Caller.seller("seller-9"), "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of()));
        expect(404, s.post(SELLER, "POST /orders/{orderId}/shipments", order("nope"), """
                {"carrier":"DHL","trackingNumber":"J","shippedAt":"2026-03-01T10:00:00Z"}"""));
        expect(404, s.post(BUYER, "POST /orders/{orderId}/disputes", order("nope"), application(1)));
        expect(404, s.post(SELLER, "POST /disputes/{disputeId}/acceptance", dispute("nope~1"), ""));
        expect(404, s.post(Caller.buyer("someone-else"), "POST /disputes/{disputeId}/cancellation", dispute(a), ""));

        // ---- 409 and 422 from the rules ----
        expect(409, s.post(BUYER, "POST /disputes/{disputeId}/escalation", dispute(a), ""));
        expect(409, s.post(SELLER, "POST /orders/{orderId}/shipments", order("ord-a"), """
                {"carrier":"DHL","trackingNumber":"J2","shippedAt":"2026-03-01T10:00:00Z"}"""));

        // ---- 413: a body over 64 KB ----
        String big = "{\"description\":\"" + "x".repeat(Api.MAX_BODY_BYTES) + "\"}";
        Response tooLarge = expect(413, s.post(BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), big));
        assertEquals("BODY_TOO_LARGE", tooLarge.text("code"));

        // ---- 500: the table unreachable ----
        Response broken = s.check(new Call(null, "GET /orders/{orderId}", order("ord-a"), Map.of(), null, null),
                brokenQueries(h).handleRequest(Harness.event(BUYER, "GET /orders/{orderId}", order("ord-a"), Map.of(), null,
                        Map.of()), null));
        expect(500, broken);

        // ---- coverage: a success for every route, each main status somewhere, every documented action offered ----
        assertEquals(s.enumOf("OrderAction"), s.offered().get("OrderView"), "order actions offered vs documented");
        assertEquals(s.enumOf("DisputeAction"), s.offered().get("DisputeView"), "dispute actions offered vs documented");
        Set<String> withoutSuccess = new TreeSet<>();
        for (String route : api.routeKeys()) {
            Set<Integer> statuses = s.covered().getOrDefault(route, Set.of());
            if (statuses.stream().noneMatch(status -> status / 100 == 2)) {
                withoutSuccess.add(route);
            }
        }
        assertEquals(Set.of(), withoutSuccess, "routes never answered with a success: " + s.covered());
        Set<Integer> statuses = new TreeSet<>();
        s.covered().values().forEach(statuses::addAll);
        assertTrue(statuses.containsAll(MAIN_STATUSES), "statuses seen: " + statuses);
    }
}
