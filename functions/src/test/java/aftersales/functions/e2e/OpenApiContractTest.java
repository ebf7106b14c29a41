package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.ARBITRATOR;
import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aftersales.domain.Policy;
import aftersales.functions.app.Wiring;
import aftersales.functions.aws.Config;
import aftersales.functions.e2e.Harness.Caller;
import aftersales.functions.e2e.Harness.Response;
import aftersales.functions.handlers.QueryApiHandler;
import aftersales.functions.http.Api;
import aftersales.functions.http.CommandRoutes;
import aftersales.functions.http.QueryRoutes;
import aftersales.functions.testing.Dynalite;
import aftersales.functions.testing.ElasticMq;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * openapi.yaml against the real handlers: every route and the main statuses are driven through the Lambda
 * handlers on the emulators, and each response (status, content type, headers, body) must be what the document
 * says for that operation. Requests are checked too: what the handlers accept validates against the documented
 * request schema and parameters, and bodies the handlers reject as 400 are rejected by the schema as well.
 */
class OpenApiContractTest {

    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<Integer> MAIN_STATUSES = Set.of(200, 201, 400, 401, 403, 404, 409, 413, 422, 500);

    private final OpenApiSchemas api = OpenApiSchemas.load();
    private final Map<String, Set<Integer>> covered = new TreeMap<>();
    /** allowedActions seen in 2xx bodies, by the view they were in. */
    private final Map<String, Set<String>> offered = new TreeMap<>();

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

        // ---- orders: register (201, then 200 for the same registration), ship, view ----
        for (String id : List.of("ord-a", "ord-b", "ord-c", "ord-d", "ord-e")) {
            Response created = post(h, PLATFORM, "POST /orders", Map.of(), registration(id, 10_000));
            expect(201, created);
            assertEquals("/orders/" + id, created.headers().get("location"));
        }
        expect(200, post(h, PLATFORM, "POST /orders", Map.of(), registration("ord-a", 10_000)));
        expect(409, post(h, PLATFORM, "POST /orders", Map.of(), registration("ord-a", 9_000))); // ORDER_EXISTS
        expect(200, get(h, BUYER, "GET /orders/{orderId}", order("ord-a"), Map.of())); // nothing shipped yet
        expect(200, get(h, SELLER, "GET /orders/{orderId}", order("ord-a"), Map.of())); // may record a shipment
        for (String id : List.of("ord-a", "ord-b", "ord-c", "ord-d", "ord-e")) {
            expect(200, post(h, SELLER, "POST /orders/{orderId}/shipments", order(id), """
                    {"carrier":"DHL","trackingNumber":"JD0001","shippedAt":"%s","allGoodsShipped":true}"""
                    .formatted(h.clock.instant())));
        }
        Response window = expect(409, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-a"), application(2_000)));
        assertEquals("WINDOW_NOT_OPEN", window.text("code"));
        assertNotNull(window.text("facts.opensAt"));
        h.clock.advance(Duration.ofDays(5));
        expect(200, get(h, SELLER, "GET /orders/{orderId}", order("ord-a"), Map.of()));
        expect(200, get(h, BUYER, "GET /orders/{orderId}", order("ord-e"), Map.of())); // may confirm receipt, apply

        Response above = expect(422, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), application(10_001)));
        assertEquals("AMOUNT_ABOVE_REFUNDABLE", above.text("code"));
        assertEquals("10000", above.text("facts.refundable"));

        // ---- ord-a: apply, modify, reject with a counter-proposal, accept it -> a refund instruction ----
        Response filed = expect(201, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-a"), application(4_000)));
        String a = filed.text("disputeId");
        assertEquals("/disputes/" + a, filed.headers().get("location"));
        expect(200, get(h, BUYER, "GET /disputes/{disputeId}", dispute(a), Map.of()));
        expect(200, get(h, PLATFORM, "GET /disputes/{disputeId}", dispute(a), Map.of()));
        expect(200, post(h, BUYER, "POST /disputes/{disputeId}/modification", dispute(a), """
                {"reason":"DAMAGED","amount":{"amount":3500,"currency":"EUR"},"returnGoods":true,"description":"cracked"}"""));
        Response rejected = expect(200, post(h, SELLER, "POST /disputes/{disputeId}/rejection", dispute(a), """
                {"reason":"as pictured","counterProposal":{"amount":1500,"currency":"EUR"},"attachments":["s3://e/2.jpg"]}"""));
        assertEquals("AWAITING_BUYER", rejected.text("status"));
        expect(200, get(h, BUYER, "GET /disputes/{disputeId}", dispute(a), Map.of())); // may accept the counter-proposal
        Response agreed = expect(200, post(h, BUYER, "POST /disputes/{disputeId}/counter-proposal-acceptance", dispute(a), ""));
        assertEquals("COUNTER_PROPOSAL_ACCEPTED", agreed.text("resolution.basis"));
        assertTrue(agreed.body().get("whoseTurn").isNull());

        // ---- ord-b: the seller accepts; ord-c: the buyer withdraws (with an empty-object body) ----
        String b = expect(201, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-b"), application(2_500)))
                .text("disputeId");
        expect(200, get(h, SELLER, "GET /disputes/{disputeId}", dispute(b), Map.of())); // may accept or reject
        expect(200, post(h, SELLER, "POST /disputes/{disputeId}/acceptance", dispute(b), ""));
        String c = expect(201, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-c"), application(1_000)))
                .text("disputeId");
        expect(200, post(h, BUYER, "POST /disputes/{disputeId}/cancellation", dispute(c), "{}"));

        // ---- ord-d: reject, escalate, evidence (idempotent replay), arbitration, ruling with a penalty ----
        String d = expect(201, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-d"), application(6_000)))
                .text("disputeId");
        expect(200, post(h, SELLER, "POST /disputes/{disputeId}/rejection", dispute(d), "{\"reason\":\"no\"}"));
        Response escalated = expect(200, post(h, BUYER, "POST /disputes/{disputeId}/escalation", dispute(d), ""));
        assertEquals("ESCALATED", escalated.text("status"));
        String evidence = "{\"description\":\"photos\",\"attachments\":[\"s3://e/3.jpg\"]}";
        expect(200, postKeyed(h, BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), evidence, "ev-1"));
        Response replay = expect(200, postKeyed(h, BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), evidence, "ev-1"));
        assertEquals("true", replay.headers().get("idempotent-replayed"));
        Response reused = expect(422, postKeyed(h, BUYER, "POST /disputes/{disputeId}/evidence", dispute(d),
                "{\"description\":\"other\"}", "ev-1"));
        assertEquals("IDEMPOTENCY_KEY_REUSED", reused.text("code"));
        assertTrue(h.deliverToIntake(h.receive(h.arbitrationQueue)).getBatchItemFailures().isEmpty());
        Response cases = expect(200, get(h, ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of("limit", "10")));
        assertEquals(d, cases.text("items.0.disputeId"));
        Response caseView = expect(200, get(h, ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute(d), Map.of()));
        assertEquals("IN_ARBITRATION", caseView.text("status"));
        String ruling = "{\"refund\":{\"amount\":6000,\"currency\":\"EUR\"},\"violation\":\"misdescribed\",\"statement\":\"s\"}";
        Response early = expect(409, post(h, ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(d), ruling));
        assertEquals("EVIDENCE_PERIOD_RUNNING", early.text("code"));
        // once both parties have given evidence the arbitrator may rule at once
        expect(200, post(h, SELLER, "POST /disputes/{disputeId}/evidence", dispute(d), "{\"description\":\"invoice\"}"));
        expect(200, get(h, ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute(d), Map.of())); // may rule
        Response ruled = expect(200, post(h, ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(d), ruling));
        assertEquals("misdescribed", ruled.text("resolution.ruling.violation"));
        Response penalties = expect(200, get(h, SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of()));
        assertEquals(1, penalties.body().get("items").size());
        expect(200, get(h, ARBITRATOR, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"), Map.of()));

        // ---- refund instructions (ord-a, ord-b, ord-d), one page of two then the rest ----
        Response page1 = expect(200, get(h, PLATFORM, "GET /refund-instructions", Map.of(), Map.of("limit", "2")));
        assertEquals(2, page1.body().get("items").size());
        assertTrue(page1.body().get("nextCursor").isTextual(), "a next page: " + page1.body());
        Response page2 = expect(200, get(h, PLATFORM, "GET /refund-instructions", Map.of(),
                Map.of("limit", "2", "cursor", page1.text("nextCursor"))));
        assertEquals(1, page2.body().get("items").size());
        String instruction = page1.text("items.0.instructionId");
        expect(200, get(h, PLATFORM, "GET /refund-instructions/{instructionId}", Map.of("instructionId", instruction),
                Map.of()));

        // ---- my disputes: filtered, paged ----
        Response resolved = expect(200, get(h, BUYER, "GET /disputes", Map.of(), Map.of("status", "RESOLVED", "limit", "1")));
        assertTrue(resolved.body().get("nextCursor").isTextual(), resolved.body().toString());
        expect(200, get(h, BUYER, "GET /disputes", Map.of(), Map.of("status", "RESOLVED", "cursor",
                resolved.text("nextCursor"))));
        Response sellers = expect(200, get(h, SELLER, "GET /disputes", Map.of(), Map.of()));
        assertEquals(4, sellers.body().get("items").size());
        assertTrue(sellers.body().get("nextCursor").isNull());

        // ---- ord-e: receipt, then the evaluation of the complete order ----
        expect(200, post(h, BUYER, "POST /orders/{orderId}/receipt", order("ord-e"), ""));
        Response evaluated = expect(200, post(h, BUYER, "POST /orders/{orderId}/evaluation", order("ord-e"),
                "{\"stars\":4,\"comment\":\"fine\"}"));
        assertEquals("POSITIVE", evaluated.text("evaluation.sentiment"));
        expect(409, post(h, BUYER, "POST /orders/{orderId}/evaluation", order("ord-e"), "{\"stars\":2}"));

        // ---- 400: bodies the handlers reject are rejected by the documented request schemas too ----
        badBody(h, PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-x","buyerId":"b","sellerId":"s","amountPaid":{"amount":1,"currency":"EUR"},"deliveryTimeLimitDays":9,
                 "extra":1}""");
        badBody(h, PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-x","buyerId":"b","amountPaid":{"amount":1,"currency":"EUR"},"deliveryTimeLimitDays":9}""");
        badBody(h, PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-x","buyerId":"b","sellerId":"s","amountPaid":{"amount":1.5,"currency":"EUR"},"deliveryTimeLimitDays":9}""");
        badBody(h, SELLER, "POST /orders/{orderId}/shipments", order("ord-e"), """
                {"carrier":"DHL","trackingNumber":7,"shippedAt":"2026-03-01T10:00:00Z"}""");
        badBody(h, SELLER, "POST /orders/{orderId}/shipments", order("ord-e"), """
                {"carrier":"DHL","trackingNumber":"J","shippedAt":"yesterday"}""");
        badBody(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), """
                {"reason":"DAMAGED","amount":{"amount":100,"currency":"EUR"},"urgent":true}""");
        badBody(h, BUYER, "POST /orders/{orderId}/evaluation", order("ord-e"), "{\"stars\":6}");
        badBody(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), """
                {"reason":"BORED","amount":{"amount":100,"currency":"EUR"}}""");
        badBody(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), """
                {"reason":"DAMAGED","amount":{"amount":100,"currency":"EUR","cents":true}}""");
        badBody(h, BUYER, "POST /disputes/{disputeId}/modification", dispute(a), "{\"reason\":\"DAMAGED\"}");
        badBody(h, SELLER, "POST /disputes/{disputeId}/rejection", dispute(a), "{\"counterProposal\":{\"amount\":1,\"currency\":\"EUR\"}}");
        badBody(h, BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), "{\"description\":\"x\",\"attachments\":[1]}");
        badBody(h, ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling", dispute(d), "{\"refund\":{\"amount\":1,\"currency\":\"EUR\"}}");
        badBody(h, SELLER, "POST /disputes/{disputeId}/acceptance", dispute(a), "{\"note\":\"hi\"}");
        badBody(h, BUYER, "POST /disputes/{disputeId}/escalation", dispute(a), "[]");
        Response malformed = expect(400, post(h, BUYER, "POST /orders/{orderId}/disputes", order("ord-e"), "{\"reason\":"));
        assertEquals("body", malformed.text("errors.0.field"));
        expect(400, postKeyed(h, BUYER, "POST /orders/{orderId}/receipt", order("ord-e"), "", "has space"));
        badQuery(h, BUYER, "GET /disputes", Map.of("limit", "0"));
        badQuery(h, BUYER, "GET /disputes", Map.of("status", "OPEN"));
        badQuery(h, ARBITRATOR, "GET /arbitration/cases", Map.of("limit", "101"));
        badQuery(h, PLATFORM, "GET /refund-instructions", Map.of("limit", "ten"));
        expect(400, get(h, SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of("cursor", "not-a-cursor")));

        // ---- 401: no claims, or a role that is not a caller ----
        expect(401, get(h, null, "GET /orders/{orderId}", order("ord-a"), Map.of()));
        expect(401, post(h, null, "POST /orders/{orderId}/receipt", order("ord-e"), ""));
        expect(401, get(h, new Caller("system", "x"), "GET /disputes", Map.of(), Map.of()));

        // ---- 403: routes for other roles ----
        expect(403, post(h, BUYER, "POST /orders", Map.of(), registration("ord-z", 100)));
        expect(403, get(h, SELLER, "GET /arbitration/cases", Map.of(), Map.of()));
        expect(403, get(h, BUYER, "GET /arbitration/cases/{disputeId}", dispute(d), Map.of()));
        expect(403, get(h, ARBITRATOR, "GET /disputes", Map.of(), Map.of()));
        expect(403, get(h, BUYER, "GET /refund-instructions", Map.of(), Map.of()));
        expect(403, get(h, SELLER, "GET /refund-instructions/{instructionId}", Map.of("instructionId", instruction), Map.of()));
        expect(403, get(h, BUYER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"), Map.of()));
        expect(403, post(h, SELLER, "POST /orders/{orderId}/receipt", order("ord-b"), ""));

        // ---- 404: unknown ids, and others' objects ----
        expect(404, get(h, BUYER, "GET /orders/{orderId}", order("nope"), Map.of()));
        expect(404, get(h, Caller.buyer("someone-else"), "GET /orders/{orderId}", order("ord-a"), Map.of()));
        expect(404, get(h, BUYER, "GET /disputes/{disputeId}", dispute("nope~1"), Map.of()));
        expect(404, get(h, Caller.seller("seller-9"), "GET /disputes/{disputeId}", dispute(a), Map.of()));
        expect(404, get(h, ARBITRATOR, "GET /arbitration/cases/{disputeId}", dispute("ord-a~9"), Map.of()));
        expect(404, get(h, PLATFORM, "GET /refund-instructions/{instructionId}", Map.of("instructionId", "nope~1.refund"),
                Map.of()));
        expect(404, get(h, Caller.seller("seller-9"), "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                Map.of()));
        expect(404, post(h, SELLER, "POST /orders/{orderId}/shipments", order("nope"), """
                {"carrier":"DHL","trackingNumber":"J","shippedAt":"2026-03-01T10:00:00Z"}"""));
        expect(404, post(h, BUYER, "POST /orders/{orderId}/disputes", order("nope"), application(1)));
        expect(404, post(h, SELLER, "POST /disputes/{disputeId}/acceptance", dispute("nope~1"), ""));
        expect(404, post(h, Caller.buyer("someone-else"), "POST /disputes/{disputeId}/cancellation", dispute(a), ""));

        // ---- 409 and 422 from the rules ----
        expect(409, post(h, BUYER, "POST /disputes/{disputeId}/escalation", dispute(a), ""));
        expect(409, post(h, SELLER, "POST /orders/{orderId}/shipments", order("ord-a"), """
                {"carrier":"DHL","trackingNumber":"J2","shippedAt":"2026-03-01T10:00:00Z"}"""));

        // ---- 413: a body over 64 KB ----
        String big = "{\"description\":\"" + "x".repeat(Api.MAX_BODY_BYTES) + "\"}";
        Response tooLarge = expect(413, post(h, BUYER, "POST /disputes/{disputeId}/evidence", dispute(d), big));
        assertEquals("BODY_TOO_LARGE", tooLarge.text("code"));

        // ---- 500: the table unreachable ----
        Response broken = check(new Call(null, "GET /orders/{orderId}", order("ord-a"), Map.of(), null, null),
                brokenQueries(h).handleRequest(Harness.event(BUYER, "GET /orders/{orderId}", order("ord-a"), Map.of(), null,
                        Map.of()), null));
        expect(500, broken);

        // ---- coverage: a success for every route, each main status somewhere, every documented action offered ----
        assertEquals(enumOf("OrderAction"), offered.get("OrderView"), "order actions offered vs documented");
        assertEquals(enumOf("DisputeAction"), offered.get("DisputeView"), "dispute actions offered vs documented");
        Set<String> withoutSuccess = new TreeSet<>();
        for (String route : api.routeKeys()) {
            Set<Integer> statuses = covered.getOrDefault(route, Set.of());
            if (statuses.stream().noneMatch(s -> s / 100 == 2)) {
                withoutSuccess.add(route);
            }
        }
        assertEquals(Set.of(), withoutSuccess, "routes never answered with a success: " + covered);
        Set<Integer> statuses = new TreeSet<>();
        covered.values().forEach(statuses::addAll);
        assertTrue(statuses.containsAll(MAIN_STATUSES), "statuses seen: " + statuses);
    }

    // ---- driving ----

    private record Call(Caller caller, String routeKey, Map<String, String> path, Map<String, String> query,
                        String body, String idempotencyKey) {
    }

    private Response post(Harness h, Caller caller, String routeKey, Map<String, String> path, String body) {
        return check(new Call(caller, routeKey, path, Map.of(), body, null), h.post(caller, routeKey, path, body));
    }

    private Response postKeyed(Harness h, Caller caller, String routeKey, Map<String, String> path, String body, String key) {
        return check(new Call(caller, routeKey, path, Map.of(), body, key), h.post(caller, routeKey, path, body, key));
    }

    private Response get(Harness h, Caller caller, String routeKey, Map<String, String> path, Map<String, String> query) {
        return check(new Call(caller, routeKey, path, query, null, null), h.get(caller, routeKey, path, query));
    }

    /** A body the handler answers 400 for must also fail the documented request schema. */
    private void badBody(Harness h, Caller caller, String routeKey, Map<String, String> path, String body) {
        Response r = expect(400, post(h, caller, routeKey, path, body));
        JsonNode schema = api.requestSchema(routeKey, "application/json")
                .orElseThrow(() -> new AssertionError(routeKey + " documents no JSON request body"));
        assertFalse(api.validate(schema, TestJson.parse(body)).isEmpty(),
                routeKey + ": the handler refused " + body + " (" + r.body() + ") but the documented schema accepts it");
    }

    /** Query values the handler answers 400 for must also fail the documented parameter schema. */
    private void badQuery(Harness h, Caller caller, String routeKey, Map<String, String> query) {
        Response r = expect(400, get(h, caller, routeKey, Map.of(), query));
        boolean anyInvalid = query.entrySet().stream().anyMatch(e -> !parameterErrors(routeKey, "query", e.getKey(),
                e.getValue()).isEmpty());
        assertTrue(anyInvalid, routeKey + ": the handler refused " + query + " (" + r.body()
                + ") but the documented parameters accept it");
    }

    private Response check(Call call, APIGatewayV2HTTPResponse raw) {
        JsonNode body = raw.getBody() == null || raw.getBody().isEmpty() ? null : TestJson.parse(raw.getBody());
        return check(call, new Response(raw.getStatusCode(), raw.getHeaders(), body));
    }

    private static Response expect(int status, Response r) {
        assertEquals(status, r.status(), () -> "status; body: " + r.body());
        return r;
    }

    /** Checks one exchange against the document; returns the response for the scenario's own assertions. */
    private Response check(Call call, Response r) {
        String route = call.routeKey();
        String where = route + " -> " + r.status();
        api.operation(route);
        covered.computeIfAbsent(route, k -> new TreeSet<>()).add(r.status());

        // the request as sent: path, query and header parameters as documented
        Set<String> templateParams = new HashSet<>();
        Matcher m = TEMPLATE_PARAM.matcher(route);
        while (m.find()) {
            templateParams.add(m.group(1));
        }
        assertEquals(templateParams, call.path().keySet(), route + " path parameters");
        for (var p : api.parameters(route)) {
            if (p.path("in").asText().equals("path")) {
                assertTrue(p.path("required").asBoolean(), route + ": path parameter " + p.path("name") + " must be required");
                assertTrue(templateParams.contains(p.path("name").asText()), route + ": documented " + p.path("name"));
            }
        }
        boolean requestValid = true;
        for (var e : call.path().entrySet()) {
            requestValid &= parameterErrors(route, "path", e.getKey(), e.getValue()).isEmpty();
        }
        for (var e : call.query().entrySet()) {
            requestValid &= parameterErrors(route, "query", e.getKey(), e.getValue()).isEmpty();
        }
        if (call.idempotencyKey() != null) {
            requestValid &= parameterErrors(route, "header", "Idempotency-Key", call.idempotencyKey()).isEmpty();
        }
        if (call.body() != null && !call.body().isBlank() && call.body().length() <= Api.MAX_BODY_BYTES) {
            JsonNode schema = api.requestSchema(route, "application/json")
                    .orElseThrow(() -> new AssertionError(route + " documents no JSON request body"));
            try {
                requestValid &= api.validate(schema, TestJson.parse(call.body())).isEmpty();
            } catch (RuntimeException malformed) {
                requestValid = false;
            }
        } else if (route.startsWith("POST ") && api.requestBodyRequired(route) && r.status() / 100 == 2) {
            fail(where + ": the document requires a body the handler did without");
        }
        if (r.status() / 100 == 2) {
            assertTrue(requestValid, where + ": the handler accepted a request the document does not allow: " + call);
        }

        // the response: documented status, media type, headers, body
        JsonNode response = api.response(route, r.status())
                .orElseThrow(() -> new AssertionError(where + " is not documented; body: " + r.body()));
        String contentType = r.contentType();
        JsonNode media = response.path("content").get(contentType);
        assertNotNull(media, where + ": content-type '" + contentType + "' is not one of the documented "
                + toList(response.path("content").fieldNames()));
        assertEquals(r.status() >= 400 ? "application/problem+json" : "application/json", contentType, where);

        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        JsonNode documentedHeaders = response.path("headers");
        for (var e : headers.entrySet()) {
            if (e.getKey().equals("content-type")) {
                continue;
            }
            JsonNode h = documentedHeaders.get(e.getKey());
            assertNotNull(h, where + ": header '" + e.getKey() + "' is not documented");
            JsonNode spec = api.deref(h);
            Set<String> errors = api.validate(spec.path("schema"), TextNode.valueOf(e.getValue()));
            assertEquals(Set.of(), errors, where + ": header " + e.getKey() + "=" + e.getValue());
        }
        documentedHeaders.fields().forEachRemaining(e -> {
            if (api.deref(e.getValue()).path("required").asBoolean(false)) {
                assertTrue(headers.containsKey(e.getKey().toLowerCase(Locale.ROOT)),
                        where + ": required header " + e.getKey() + " missing");
            }
        });

        assertNotNull(r.body(), where + ": no body");
        JsonNode schema = media.get("schema");
        assertNotNull(schema, where + ": no documented schema");
        Set<String> errors = api.validate(schema, r.body());
        assertEquals(Set.of(), errors, where + ": the body does not match " + api.file + ": " + r.body());
        if (r.status() / 100 == 2) {
            collectActions(r.body());
        }
        return r;
    }

    /** A string parameter value against its documented schema (integers and booleans coerced as a server would). */
    private Set<String> parameterErrors(String route, String in, String name, String value) {
        JsonNode p = api.parameters(route).stream()
                .filter(x -> x.path("in").asText().equals(in) && x.path("name").asText().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(route + ": " + in + " parameter " + name + " is not documented"));
        JsonNode schema = api.deref(p.path("schema"));
        JsonNode instance = TextNode.valueOf(value);
        if (schema.path("type").asText().equals("integer")) {
            try {
                instance = IntNode.valueOf(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                // stays a string: not an integer
            }
        }
        return api.validate(p.path("schema"), instance);
    }

    private void collectActions(JsonNode body) {
        if (body.has("items")) {
            body.get("items").forEach(this::collectActions);
            return;
        }
        if (body.has("allowedActions")) {
            String view = body.has("disputeId") ? "DisputeView" : "OrderView";
            body.get("allowedActions").forEach(a -> offered.computeIfAbsent(view, k -> new TreeSet<>()).add(a.asText()));
        }
    }

    private Set<String> enumOf(String componentSchema) {
        Set<String> values = new TreeSet<>();
        api.doc.path("components").path("schemas").path(componentSchema).path("enum").forEach(v -> values.add(v.asText()));
        assertFalse(values.isEmpty(), componentSchema + " has no enum");
        return values;
    }

    private static List<String> toList(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static String registration(String orderId, long amount) {
        return """
                {"orderId":"%s","buyerId":"buyer-42","sellerId":"seller-7",
                 "amountPaid":{"amount":%d,"currency":"EUR"},"deliveryTimeLimitDays":20}""".formatted(orderId, amount);
    }

    private static String application(long amount) {
        return """
                {"reason":"NOT_AS_DESCRIBED","amount":{"amount":%d,"currency":"EUR"},
                 "returnGoods":false,"description":"colour differs","attachments":["s3://evidence/1.jpg"]}"""
                .formatted(amount);
    }

    /** The query handler as deployed, but every DynamoDB call fails: the unexpected, as a 500 without internals. */
    private static QueryApiHandler brokenQueries(Harness h) {
        ExecutionInterceptor failing = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                throw new IllegalStateException("table unreachable");
            }
        };
        DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(Dynalite.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(failing))
                .build();
        Config config = new Config(Map.of(Config.TABLE_NAME, h.table, Config.ARBITRATION_QUEUE_URL, h.arbitrationQueue,
                Config.REFUND_QUEUE_URL, h.refundQueue));
        return new QueryApiHandler(Wiring.of(ddb, ElasticMq.client(), new RecordingScheduler(), config, h.clock,
                Policy.DEFAULT));
    }
}
