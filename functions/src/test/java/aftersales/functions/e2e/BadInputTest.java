package aftersales.functions.e2e;

import static aftersales.functions.e2e.Fixtures.ARBITRATOR;
import static aftersales.functions.e2e.Fixtures.BUYER;
import static aftersales.functions.e2e.Fixtures.PLATFORM;
import static aftersales.functions.e2e.Fixtures.SELLER;
import static aftersales.functions.e2e.Fixtures.dispute;
import static aftersales.functions.e2e.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.e2e.Harness.Caller;
import aftersales.functions.e2e.Harness.Response;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input tried as a new user would: every answer is a 4xx problem+json with a code (and the offending field),
 * never a 5xx, and nothing is written: the order reads the same before and after and no write reached DynamoDB.
 */
class BadInputTest {

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    private static final String APPLY = "POST /orders/{orderId}/disputes";
    private static final String EVIDENCE = "POST /disputes/{disputeId}/evidence";
    private static final String REJECT = "POST /disputes/{disputeId}/rejection";
    private static final String MODIFY = "POST /disputes/{disputeId}/modification";
    private static final String VALID_APPLY = """
            {"reason":"NOT_AS_DESCRIBED","amount":{"amount":1000,"currency":"EUR"},"returnGoods":false}""";

    private final Harness h = new Harness();
    private String id;

    @BeforeEach
    void aDisputeAwaitsTheSeller() {
        id = Fixtures.filed(h, "ord-1", 4_000);
        h.ddbRequests.takeAll();
    }

    /** Runs a request that must be refused with nothing written; returns its response. */
    private Response refused(int status, String code, String field, Supplier<Response> request) {
        JsonNode orderBefore = h.get(BUYER, "GET /orders/{orderId}", order("ord-1"), Map.of()).body();
        JsonNode disputeBefore = h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body();
        h.ddbRequests.takeAll();
        Response r = request.get();
        List<String> sent = h.ddbRequests.takeAll();
        String seen = r.status() + " " + r.body();
        assertTrue(r.status() >= 400 && r.status() < 500, () -> "a 4xx, never a 5xx: " + seen);
        assertEquals(status, r.status(), seen);
        assertEquals("application/problem+json", r.contentType(), seen);
        assertNotNull(r.text("code"), seen);
        assertEquals(code, r.text("code"), seen);
        assertEquals(String.valueOf(status), r.text("status"), seen);
        if (field != null) {
            assertTrue(fields(r).contains(field), () -> "field error names " + field + ": " + seen);
        }
        assertTrue(sent.stream().noneMatch(WRITES::contains), () -> "nothing written, but sent " + sent + " for " + seen);
        assertEquals(orderBefore, h.get(BUYER, "GET /orders/{orderId}", order("ord-1"), Map.of()).body());
        assertEquals(disputeBefore, h.get(BUYER, "GET /disputes/{disputeId}", dispute(id), Map.of()).body());
        return r;
    }

    private static List<String> fields(Response r) {
        List<String> out = new ArrayList<>();
        JsonNode errors = r.body() == null ? null : r.body().get("errors");
        if (errors != null) {
            errors.forEach(e -> out.add(e.get("field").asText()));
        }
        return out;
    }

    private Response apply(String body) {
        return h.post(BUYER, APPLY, order("ord-1"), body);
    }

    private Response evidence(String body) {
        return h.post(BUYER, EVIDENCE, dispute(id), body);
    }

    private static String applyWithAmount(String amountJson) {
        return "{\"reason\":\"NOT_AS_DESCRIBED\",\"amount\":" + amountJson + ",\"returnGoods\":false}";
    }

    @Test
    void malformedJsonIsA400OnEveryBodyRoute() {
        for (String body : List.of("{", "{\"reason\":", "not json", "{'reason':'x'}", "{\"description\":\"x\",}")) {
            refused(400, "INVALID_REQUEST", "body", () -> apply(body));
            refused(400, "INVALID_REQUEST", "body", () -> evidence(body));
            refused(400, "INVALID_REQUEST", "body", () -> h.post(SELLER, REJECT, dispute(id), body));
            refused(400, "INVALID_REQUEST", "body", () -> h.post(PLATFORM, "POST /orders", Map.of(), body));
            refused(400, "INVALID_REQUEST", "body",
                    () -> h.post(SELLER, "POST /orders/{orderId}/shipments", order("ord-1"), body));
        }
    }

    @Test
    void jsonFollowedByTrailingGarbageIsMalformed() {
        refused(400, "INVALID_REQUEST", "body", () -> evidence("{\"description\":\"photo\"} trailing"));
        refused(400, "INVALID_REQUEST", "body", () -> evidence("{\"description\":\"photo\"}}"));
        refused(400, "INVALID_REQUEST", "body", () -> evidence("{\"description\":\"a\"}{\"description\":\"b\"}"));
    }

    @Test
    void jsonThatIsNotAnObjectIsA400() {
        for (String body : List.of("[]", "[" + VALID_APPLY + "]", "\"text\"", "42", "true", "null")) {
            refused(400, "INVALID_REQUEST", "body", () -> apply(body));
            refused(400, "INVALID_REQUEST", "body", () -> evidence(body));
            refused(400, "INVALID_REQUEST", "body", () -> h.post(SELLER, "POST /disputes/{disputeId}/acceptance",
                    dispute(id), body));
        }
    }

    @Test
    void wrongTypesNameTheField() {
        refused(400, "INVALID_REQUEST", "amount.amount", () -> apply(applyWithAmount("{\"amount\":\"1000\",\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amount.amount", () -> apply(applyWithAmount("{\"amount\":12.5,\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amount.amount", () -> apply(applyWithAmount("{\"amount\":1000.0,\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amount.amount", () -> apply(applyWithAmount("{\"amount\":1e3,\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amount", () -> apply(applyWithAmount("1000")));
        refused(400, "INVALID_REQUEST", "amount", () -> apply(applyWithAmount("\"10 EUR\"")));
        refused(400, "INVALID_REQUEST", "returnGoods", () -> apply("""
                {"reason":"NOT_AS_DESCRIBED","amount":{"amount":1000,"currency":"EUR"},"returnGoods":"yes"}"""));
        refused(400, "INVALID_REQUEST", "reason", () -> apply("""
                {"reason":7,"amount":{"amount":1000,"currency":"EUR"}}"""));
        refused(400, "INVALID_REQUEST", "reason", () -> apply("""
                {"reason":"because","amount":{"amount":1000,"currency":"EUR"}}"""));
        refused(400, "INVALID_REQUEST", "attachments", () -> apply("""
                {"reason":"OTHER","amount":{"amount":1000,"currency":"EUR"},"attachments":"s3://x"}"""));
        refused(400, "INVALID_REQUEST", "attachments", () -> evidence("{\"description\":\"d\",\"attachments\":[1,2]}"));
        refused(400, "INVALID_REQUEST", "description", () -> evidence("{\"description\":{\"text\":\"d\"}}"));
        refused(400, "INVALID_REQUEST", "stars", () -> h.post(BUYER, "POST /orders/{orderId}/evaluation", order("ord-1"),
                "{\"stars\":\"5\",\"comment\":\"ok\"}"));
        refused(400, "INVALID_REQUEST", "stars", () -> h.post(BUYER, "POST /orders/{orderId}/evaluation", order("ord-1"),
                "{\"stars\":4.5}"));
        refused(400, "INVALID_REQUEST", "stars", () -> h.post(BUYER, "POST /orders/{orderId}/evaluation", order("ord-1"),
                "{\"stars\":6}"));
        refused(400, "INVALID_REQUEST", "shippedAt", () -> h.post(SELLER, "POST /orders/{orderId}/shipments",
                order("ord-1"), "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\",\"shippedAt\":\"yesterday\"}"));
        refused(400, "INVALID_REQUEST", "allGoodsShipped", () -> h.post(SELLER, "POST /orders/{orderId}/shipments",
                order("ord-1"), "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\",\"shippedAt\":\"2026-03-01T10:00:00Z\","
                        + "\"allGoodsShipped\":\"true\"}"));
        refused(400, "INVALID_REQUEST", "deliveryTimeLimitDays", () -> h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-9","buyerId":"b","sellerId":"s","amountPaid":{"amount":1,"currency":"EUR"},
                 "deliveryTimeLimitDays":"20"}"""));
        refused(400, "INVALID_REQUEST", "counterProposal.amount", () -> h.post(SELLER, REJECT, dispute(id),
                "{\"reason\":\"no\",\"counterProposal\":{\"amount\":\"1500\",\"currency\":\"EUR\"}}"));
    }

    @Test
    void missingRequiredFieldsAreAllNamedAtOnce() {
        Response r = refused(400, "INVALID_REQUEST", "reason", () -> apply("{}"));
        assertTrue(fields(r).containsAll(List.of("reason", "amount")), r.body().toString());
        refused(400, "INVALID_REQUEST", "amount.currency", () -> apply(applyWithAmount("{\"amount\":1000}")));
        refused(400, "INVALID_REQUEST", "amount.amount", () -> apply(applyWithAmount("{\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "description", () -> evidence("{}"));
        refused(400, "INVALID_REQUEST", "reason", () -> h.post(SELLER, REJECT, dispute(id), "{}"));
        refused(400, "INVALID_REQUEST", "amount", () -> h.post(BUYER, MODIFY, dispute(id), "{\"reason\":\"OTHER\"}"));
        refused(400, "INVALID_REQUEST", "stars", () -> h.post(BUYER, "POST /orders/{orderId}/evaluation", order("ord-1"), "{}"));
        Response reg = refused(400, "INVALID_REQUEST", "orderId", () -> h.post(PLATFORM, "POST /orders", Map.of(), "{}"));
        assertTrue(fields(reg).containsAll(List.of("orderId", "buyerId", "sellerId", "amountPaid", "deliveryTimeLimitDays")),
                reg.body().toString());
        Response ship = refused(400, "INVALID_REQUEST", "carrier",
                () -> h.post(SELLER, "POST /orders/{orderId}/shipments", order("ord-1"), "{}"));
        assertTrue(fields(ship).containsAll(List.of("carrier", "trackingNumber", "shippedAt")), ship.body().toString());
        refused(400, "INVALID_REQUEST", "body", () -> apply(""));
        refused(400, "INVALID_REQUEST", "body", () -> apply("   "));
    }

    @Test
    void unknownFieldsAreRefusedAtTheTopAndInsideMoney() {
        refused(400, "INVALID_REQUEST", "amout", () -> apply("""
                {"reason":"OTHER","amout":{"amount":1000,"currency":"EUR"},"amount":{"amount":1000,"currency":"EUR"}}"""));
        refused(400, "INVALID_REQUEST", "buyerId", () -> apply("""
                {"reason":"OTHER","amount":{"amount":1000,"currency":"EUR"},"buyerId":"someone-else"}"""));
        refused(400, "INVALID_REQUEST", "amount.cents", () -> apply(applyWithAmount(
                "{\"amount\":1000,\"currency\":\"EUR\",\"cents\":5}")));
        refused(400, "INVALID_REQUEST", "attachments", () -> h.post(BUYER, MODIFY, dispute(id), """
                {"reason":"OTHER","amount":{"amount":1000,"currency":"EUR"},"attachments":[]}"""));
        refused(400, "INVALID_REQUEST", "refundAll", () -> h.post(ARBITRATOR, "POST /arbitration/cases/{disputeId}/ruling",
                dispute(id), "{\"refund\":{\"amount\":1,\"currency\":\"EUR\"},\"statement\":\"s\",\"refundAll\":true}"));
    }

    @Test
    void negativeAndOversizedAmountsAreRefused() {
        refused(400, "INVALID_REQUEST", "amount.amount", () -> apply(applyWithAmount("{\"amount\":-1,\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amount.amount",
                () -> apply(applyWithAmount("{\"amount\":1000000000001,\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amount.amount",
                () -> apply(applyWithAmount("{\"amount\":100000000000000000000000,\"currency\":\"EUR\"}")));
        refused(400, "INVALID_REQUEST", "amountPaid.amount", () -> h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-9","buyerId":"b","sellerId":"s","amountPaid":{"amount":-500,"currency":"EUR"},
                 "deliveryTimeLimitDays":20}"""));
        // in range as input, but the domain's to refuse
        refused(422, "AMOUNT_NOT_POSITIVE", null, () -> modify("{\"amount\":0,\"currency\":\"EUR\"}"));
        Response above = refused(422, "AMOUNT_ABOVE_REFUNDABLE", "amount",
                () -> modify("{\"amount\":1000000000000,\"currency\":\"EUR\"}"));
        assertEquals("10000", above.text("facts.refundable"));
        refused(422, "AMOUNT_NOT_POSITIVE", "amountPaid", () -> h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-9","buyerId":"b","sellerId":"s","amountPaid":{"amount":0,"currency":"EUR"},
                 "deliveryTimeLimitDays":20}"""));
    }

    @Test
    void aZeroProposalNamesTheAmountFieldLikeTheOtherAmountRefusals() {
        refused(422, "AMOUNT_NOT_POSITIVE", "amount", () -> modify("{\"amount\":0,\"currency\":\"EUR\"}"));
    }

    private Response modify(String amountJson) {
        return h.post(BUYER, MODIFY, dispute(id), "{\"reason\":\"OTHER\",\"amount\":" + amountJson + "}");
    }

    @Test
    void unknownOrLowercaseCurrenciesAreRefused() {
        for (String currency : List.of("\"eur\"", "\"Eur\"", "\"EURO\"", "\"ZZZ\"", "\"\"", "978", "null")) {
            refused(400, "INVALID_REQUEST", "amount.currency",
                    () -> apply(applyWithAmount("{\"amount\":1000,\"currency\":" + currency + "}")));
        }
    }

    @Test
    void aCurrencyOtherThanTheOrdersIsA422() {
        Response r = refused(422, "CURRENCY_MISMATCH", "amount", () -> modify("{\"amount\":1000,\"currency\":\"USD\"}"));
        assertEquals("EUR", r.text("facts.currency"));
        assertEquals("urn:aftersales:problem:currency-mismatch", r.text("type"));
        refused(422, "CURRENCY_MISMATCH", "counterProposal", () -> h.post(SELLER, REJECT, dispute(id),
                "{\"reason\":\"no\",\"counterProposal\":{\"amount\":1000,\"currency\":\"GBP\"}}"));
        // a second order with no dispute yet: applying in the wrong currency
        Fixtures.register(h, "ord-2", 10_000, 20);
        Fixtures.ship(h, "ord-2");
        h.clock.advance(java.time.Duration.ofDays(5));
        h.ddbRequests.takeAll();
        Response apply = h.post(BUYER, APPLY, order("ord-2"), applyWithAmount("{\"amount\":1000,\"currency\":\"USD\"}"));
        assertEquals(422, apply.status(), apply.body().toString());
        assertEquals("CURRENCY_MISMATCH", apply.text("code"));
        assertEquals(List.of("GetItem"), h.ddbRequests.takeAll());
        assertEquals(0, h.get(BUYER, "GET /orders/{orderId}", order("ord-2"), Map.of()).body().get("disputes").size());
    }

    @Test
    void unknownOrdersAndMalformedDisputeIdsAre404() {
        refused(404, "NOT_FOUND", null, () -> h.post(BUYER, APPLY, order("no-such-order"), VALID_APPLY));
        refused(404, "NOT_FOUND", null, () -> h.post(SELLER, "POST /orders/{orderId}/shipments", order("nope"),
                "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\",\"shippedAt\":\"2026-03-01T10:00:00Z\"}"));
        for (String bad : List.of("ord-1", "ord-1~", "~1", "ord-1~0", "ord-1~x", "ord-1~1000", "ord 1~1", "ord-1~-1",
                "ord-1~01", "nope~1", "ord-1~2", "../ord-1~1", "")) {
            refused(404, "NOT_FOUND", null,
                    () -> h.post(BUYER, EVIDENCE, dispute(bad), "{\"description\":\"d\"}"));
            Response view = h.get(BUYER, "GET /disputes/{disputeId}", dispute(bad), Map.of());
            assertEquals(404, view.status(), bad);
            assertEquals("application/problem+json", view.contentType(), bad);
        }
    }

    @Test
    void overlongIdsInThePathAre404NotA5xx() {
        String longId = "o".repeat(3_000); // longer than a DynamoDB key may be
        Response view = h.get(BUYER, "GET /orders/{orderId}", order(longId), Map.of());
        Response ship = h.post(SELLER, "POST /orders/{orderId}/shipments", order(longId),
                "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\",\"shippedAt\":\"2026-03-01T10:00:00Z\"}");
        Response apply = h.post(BUYER, APPLY, order(longId), VALID_APPLY);
        Response instr = h.get(PLATFORM, "GET /refund-instructions/{instructionId}", Map.of("instructionId", longId), Map.of());
        Response pen = h.get(PLATFORM, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", longId), Map.of());
        assertAll(
                () -> assertEquals(404, view.status(), () -> "GET order: " + view.body()),
                () -> assertEquals(404, ship.status(), () -> "POST shipments: " + ship.body()),
                () -> assertEquals(404, apply.status(), () -> "POST disputes: " + apply.body()),
                () -> assertEquals(404, instr.status(), () -> "GET refund instruction: " + instr.body()),
                () -> assertTrue(pen.status() < 500, () -> "GET penalties: " + pen.status() + " " + pen.body()));
    }

    @Test
    void bodiesOver64KbAre413() {
        String big = "{\"description\":\"" + "x".repeat(64 * 1024) + "\"}";
        refused(413, "BODY_TOO_LARGE", null, () -> evidence(big));
        refused(413, "BODY_TOO_LARGE", null, () -> apply(big));
        // counted in bytes: 33,000 two-byte characters are 66,000 bytes
        refused(413, "BODY_TOO_LARGE", null, () -> evidence("{\"description\":\"" + "é".repeat(33_000) + "\"}"));
        // exactly 64 KB gets past the size check and meets the domain's text limit
        String prefix = "{\"description\":\"";
        String exact = prefix + "x".repeat(64 * 1024 - prefix.length() - 2) + "\"}";
        assertEquals(64 * 1024, exact.getBytes(StandardCharsets.UTF_8).length);
        refused(422, "INVALID_INPUT", "description", () -> evidence(exact));
    }

    @Test
    void missingOrUnknownClaimsAre401() {
        List<Map<String, String>> claimSets = List.of(Map.of(), Map.of("sub", "buyer-42"), Map.of("role", "buyer"),
                Map.of("sub", "buyer-42", "role", "admin"), Map.of("sub", "buyer-42", "role", "system"),
                Map.of("sub", "buyer-42", "role", "SYSTEM"), Map.of("sub", "", "role", "buyer"),
                Map.of("sub", "   ", "role", "buyer"), Map.of("sub", "buyer-42", "role", ""));
        for (Map<String, String> claims : claimSets) {
            refused(401, "UNAUTHENTICATED", null, () -> h.call(withClaims(claims, "POST /disputes/{disputeId}/evidence",
                    dispute(id), "{\"description\":\"d\"}")));
            refused(401, "UNAUTHENTICATED", null, () -> h.call(withClaims(claims, "POST /disputes/{disputeId}/acceptance",
                    dispute(id), "")));
            Response get = h.call(withClaims(claims, "GET /disputes/{disputeId}", dispute(id), null));
            assertEquals(401, get.status(), claims.toString());
            assertEquals("application/problem+json", get.contentType());
        }
        APIGatewayV2HTTPEvent noContext = Harness.event(BUYER, EVIDENCE, dispute(id), Map.of(), "{\"description\":\"d\"}",
                Map.of());
        noContext.setRequestContext(null);
        refused(401, "UNAUTHENTICATED", null, () -> h.call(noContext));
        refused(401, "UNAUTHENTICATED", null, () -> h.post(new Caller("system", "system"), EVIDENCE, dispute(id),
                "{\"description\":\"d\"}"));
    }

    private static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims, String routeKey, Map<String, String> path,
                                                    String body) {
        APIGatewayV2HTTPEvent e = Harness.event(null, routeKey, path, Map.of(), body, Map.of());
        e.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return e;
    }

    @Test
    void badLimitsCursorsAndStatusFiltersAre400() {
        for (String limit : List.of("0", "101", "-1", "abc", "2.5", "", "1e2", "99999999999")) {
            Response r = h.get(BUYER, "GET /disputes", Map.of(), Map.of("limit", limit));
            assertProblem(r, 400, "limit");
            assertProblem(h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of("limit", limit)), 400, "limit");
            assertProblem(h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of("limit", limit)), 400, "limit");
        }
        String notJson = Base64.getUrlEncoder().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        String wrongKeys = Base64.getUrlEncoder().encodeToString("{\"pk\":\"ORDER#ord-1\"}".getBytes(StandardCharsets.UTF_8));
        String numbers = Base64.getUrlEncoder().encodeToString(
                "{\"pk\":1,\"sk\":2,\"buyerKey\":3,\"activityKey\":4}".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("%%%", "!!", notJson, wrongKeys, numbers, "W10")) {
            assertProblem(h.get(BUYER, "GET /disputes", Map.of(), Map.of("cursor", cursor)), 400, "cursor");
            assertProblem(h.get(ARBITRATOR, "GET /arbitration/cases", Map.of(), Map.of("cursor", cursor)), 400, "cursor");
            assertProblem(h.get(PLATFORM, "GET /refund-instructions", Map.of(), Map.of("cursor", cursor)), 400, "cursor");
            assertProblem(h.get(SELLER, "GET /sellers/{sellerId}/penalties", Map.of("sellerId", "seller-7"),
                    Map.of("cursor", cursor)), 400, "cursor");
        }
        for (String status : List.of("open", "awaiting_buyer", "NOPE")) {
            assertProblem(h.get(BUYER, "GET /disputes", Map.of(), Map.of("status", status)), 400, "status");
        }
    }

    @Test
    void aCursorOfTheRightShapeForAnotherPartyIsRefusedNot5xx() {
        // right attribute names, but the partition value is someone else's: not a cursor this listing gave
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"pk\":\"ORDER#ord-1\",\"sk\":\"ORDER\","
                + "\"buyerKey\":\"buyer-42\",\"activityKey\":\"2026-03-06T10:00:00.000Z#ord-1\"}")
                .getBytes(StandardCharsets.UTF_8));
        Response r = h.get(Caller.buyer("buyer-other"), "GET /disputes", Map.of(), Map.of("cursor", forged, "limit", "1"));
        assertTrue(r.status() < 500, () -> r.status() + " " + r.body());
        assertProblem(r, 400, "cursor");
    }

    private static void assertProblem(Response r, int status, String field) {
        String seen = r.status() + " " + r.body();
        assertEquals(status, r.status(), seen);
        assertEquals("application/problem+json", r.contentType(), seen);
        assertEquals("INVALID_REQUEST", r.text("code"), seen);
        assertTrue(fields(r).contains(field), () -> "names " + field + ": " + seen);
    }

    @Test
    void bodilessRoutesRefuseABody() {
        for (String route : List.of("POST /disputes/{disputeId}/acceptance", "POST /disputes/{disputeId}/escalation",
                "POST /disputes/{disputeId}/cancellation", "POST /disputes/{disputeId}/counter-proposal-acceptance")) {
            Caller who = route.contains("acceptance") && !route.contains("counter") ? SELLER : BUYER;
            refused(400, "INVALID_REQUEST", "refund", () -> h.post(who, route, dispute(id), "{\"refund\":true}"));
            refused(400, "INVALID_REQUEST", "body", () -> h.post(who, route, dispute(id), "[]"));
            refused(400, "INVALID_REQUEST", "body", () -> h.post(who, route, dispute(id), "yes"));
            refused(400, "INVALID_REQUEST", "body", () -> h.post(who, route, dispute(id), "\"\""));
        }
        refused(400, "INVALID_REQUEST", "at", () -> h.post(BUYER, "POST /orders/{orderId}/receipt", order("ord-1"),
                "{\"at\":\"2026-03-01T10:00:00Z\"}"));
        // an empty object is no body at all
        Response ok = h.post(BUYER, "POST /disputes/{disputeId}/cancellation", dispute(id), "{}");
        assertEquals(200, ok.status(), () -> ok.body().toString());
    }

    @Test
    void domainLimitsOnTextAre422WithTheField() {
        refused(422, "INVALID_INPUT", "description", () -> evidence("{\"description\":\"" + "x".repeat(2_001) + "\"}"));
        refused(422, "INVALID_INPUT", "description", () -> evidence("{\"description\":\"\"}"));
        refused(422, "INVALID_INPUT", "attachments", () -> evidence("{\"description\":\"d\",\"attachments\":[\"\"]}"));
        refused(422, "INVALID_INPUT", "orderId", () -> h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"a/b~1","buyerId":"b","sellerId":"s","amountPaid":{"amount":1,"currency":"EUR"},
                 "deliveryTimeLimitDays":20}"""));
        refused(422, "INVALID_INPUT", "sellerId", () -> h.post(PLATFORM, "POST /orders", Map.of(), """
                {"orderId":"ord-9","buyerId":"same","sellerId":"same","amountPaid":{"amount":1,"currency":"EUR"},
                 "deliveryTimeLimitDays":20}"""));
    }
}
