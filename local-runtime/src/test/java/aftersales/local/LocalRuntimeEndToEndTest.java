package aftersales.local;

import static aftersales.local.RunningRuntime.expect;
import static aftersales.local.RunningRuntime.instant;
import static aftersales.local.RunningRuntime.money;
import static aftersales.local.RuntimeChecks.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.local.RunningRuntime.Parties;
import aftersales.local.RunningRuntime.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime end to end: started as its own process exactly as a user runs it, driven only over HTTP
 * through every rule of RULES.md, with time moved by the development clock. One runtime serves all scenarios,
 * each on its own order; {@link LocalRuntimeCrashTest} kills one in the middle of scenarios.
 */
class LocalRuntimeEndToEndTest {

    @TempDir
    static Path sharedData;
    private static RunningRuntime rt;
    private static String arbitrator;

    @BeforeAll
    static void startRuntime() {
        rt = RunningRuntime.start("shared", sharedData);
        arbitrator = rt.token("arbitrator", "arbitrator-e2e");
    }

    @AfterAll
    static void stopRuntime() {
        if (rt != null) {
            rt.close();
        }
    }

    // Rule 2: the seller's 5 days
    @Test
    void sellerSilenceForFiveDaysRefundsTheProposalThroughTheLocalScheduler() {
        Parties p = rt.windowOpen("silence", 10);
        JsonNode filed = p.file("DAMAGED", 4_000);
        assertEquals("AWAITING_SELLER_RESPONSE", filed.path("status").asText());
        Instant deadline = deadline(filed, "SELLER_RESPONSE");
        assertEquals(instant(filed.path("firstFiledAt")).plus(Duration.ofDays(5)), deadline);
        assertTrue(rt.pendingTriggers(p.disputeId()).contains("SELLER_RESPONSE"), () -> rt.clock().toString());

        rt.advance("P5D");
        JsonNode v = awaitStatus(p, "RESOLVED");
        assertResolution(v, "SELLER_RESPONSE_TIMEOUT", 4_000, true);
        assertEquals(deadline, instant(v.path("resolution").path("at")), "the timeout acts at its own instant");
        assertEquals(List.of("APPLICATION_FILED", "SELLER_RESPONSE_TIMED_OUT"), actions(v));
        assertEquals("SYSTEM", entry(v, "SELLER_RESPONSE_TIMED_OUT").path("role").asText());
        assertEquals(List.of(), rt.pendingTriggers(p.disputeId()), "no trigger left for a resolved dispute");
        assertRefundInstruction(rt, p, "SELLER_RESPONSE_TIMEOUT", 4_000, true);
        assertEquals(4_000, p.order().path("refunded").path("amount").asLong());
    }

    // Rule 3: agreement, escalation, day 16
    @Test
    void sellerAcceptsTheBuyersProposal() {
        Parties p = rt.windowOpen("accept", 10);
        p.file("NOT_AS_DESCRIBED", 3_000);
        JsonNode v = expect(200, rt.post("/disputes/" + p.disputeId() + "/acceptance", p.sellerToken(), null));
        assertResolution(v, "SELLER_ACCEPTED", 3_000, false);
        assertEquals(List.of("APPLICATION_FILED", "SELLER_ACCEPTED"), actions(p.dispute()));
        assertEquals(List.of(), rt.pendingTriggers(p.disputeId()), "agreement cancels the deadlines");
        assertRefundInstruction(rt, p, "SELLER_ACCEPTED", 3_000, true);
    }

    @Test
    void buyerAcceptsTheSellersCounterProposal() {
        Parties p = rt.windowOpen("counter", 10);
        p.file("MISSING_PARTS", 5_000);
        JsonNode rejected = expect(200, rt.post("/disputes/" + p.disputeId() + "/rejection", p.sellerToken(),
                Map.of("reason", "only one part is missing", "counterProposal", money(2_500))));
        assertEquals("AWAITING_BUYER", rejected.path("status").asText());
        assertEquals(2_500, rejected.path("rejection").path("counterProposal").path("amount").asLong());
        JsonNode v = expect(200, rt.post("/disputes/" + p.disputeId() + "/counter-proposal-acceptance",
                p.buyerToken(), null));
        assertResolution(v, "COUNTER_PROPOSAL_ACCEPTED", 2_500, false);
        assertEquals(List.of("APPLICATION_FILED", "SELLER_REJECTED", "COUNTER_PROPOSAL_ACCEPTED"), actions(p.dispute()));
        assertRefundInstruction(rt, p, "COUNTER_PROPOSAL_ACCEPTED", 2_500, true);
    }

    // Rule 4: arbitration, ruling, penalty
    @Test
    void rejectionThenEscalationIsArbitratedAfterTheEvidencePeriodWithAPenalty() {
        Parties p = rt.windowOpen("arbitrated", 10);
        p.file("WRONG_ITEM", 6_000);
        p.reject();
        JsonNode escalated = expect(200, rt.post("/disputes/" + p.disputeId() + "/escalation", p.buyerToken(), null));
        assertTrue(List.of("ESCALATED", "IN_ARBITRATION").contains(escalated.path("status").asText()), escalated::toString);

        JsonNode v = awaitStatus(p, "IN_ARBITRATION"); // opened by the arbitration queue poller
        assertEquals(List.of("APPLICATION_FILED", "SELLER_REJECTED", "ESCALATED", "ARBITRATION_CASE_OPENED"), actions(v));
        assertEquals("BUYER_REQUEST", entry(v, "ESCALATED").path("details").path("basis").asText());
        assertEquals("SYSTEM", entry(v, "ARBITRATION_CASE_OPENED").path("role").asText());
        expect(200, rt.get("/arbitration/cases/" + p.disputeId(), arbitrator));

        Map<String, Object> ruling = Map.of("refund", money(4_500), "violation", "shipped the wrong item",
                "statement", "the photos show another model");
        Response early = rt.post("/arbitration/cases/" + p.disputeId() + "/ruling", arbitrator, ruling);
        JsonNode problem = expect(409, early);
        assertEquals("EVIDENCE_PERIOD_RUNNING", problem.path("code").asText());
        assertEquals(v.path("rulingAllowedFrom").asText(), problem.path("facts").path("rulingAllowedFrom").asText());

        rt.advance("P3D");
        JsonNode ruled = expect(200, rt.post("/arbitration/cases/" + p.disputeId() + "/ruling", arbitrator, ruling));
        assertResolution(ruled, "ARBITRATION", 4_500, true);
        assertTrue(ruled.path("resolution").path("ruling").path("sellerViolated").asBoolean(), ruled::toString);
        assertEquals(List.of("APPLICATION_FILED", "SELLER_REJECTED", "ESCALATED", "ARBITRATION_CASE_OPENED", "RULED"),
                actions(p.dispute()));
        assertEquals("ALREADY_RULED", expect(409, rt.post("/arbitration/cases/" + p.disputeId() + "/ruling",
                arbitrator, ruling)).path("code").asText(), "the ruling is one-time");
        assertRefundInstruction(rt, p, "ARBITRATION", 4_500, true);

        JsonNode penalties = expect(200, rt.get("/sellers/" + p.seller() + "/penalties", rt.platform()));
        assertEquals(1, penalties.path("items").size(), penalties::toString);
        JsonNode penalty = penalties.path("items").get(0);
        assertEquals(p.disputeId() + ".penalty", penalty.path("penaltyId").asText());
        assertEquals(2, penalty.path("points").asInt());
        assertEquals("shipped the wrong item", penalty.path("reason").asText());
    }

    @Test
    void noAgreementFifteenDaysAfterFilingEscalatesOnDaySixteen() {
        Parties p = rt.windowOpen("day16", 10);
        JsonNode filed = p.file("QUALITY_ISSUE", 2_000);
        Instant day16 = instant(filed.path("firstFiledAt")).plus(Duration.ofDays(15));
        assertEquals(day16, instant(filed.path("automaticEscalation").path("at")));
        assertEquals("NEGOTIATION_PERIOD_ENDED", filed.path("automaticEscalation").path("basis").asText());
        p.reject();

        rt.advance("P15D");
        assertTrue(List.of("ESCALATED", "IN_ARBITRATION").contains(p.dispute().path("status").asText()));
        JsonNode v = awaitStatus(p, "IN_ARBITRATION");
        assertEquals(List.of("APPLICATION_FILED", "SELLER_REJECTED", "ESCALATED", "ARBITRATION_CASE_OPENED"), actions(v));
        JsonNode escalation = entry(v, "ESCALATED");
        assertEquals("SYSTEM", escalation.path("role").asText());
        assertEquals("NEGOTIATION_PERIOD_ENDED", escalation.path("details").path("basis").asText());
        assertEquals(day16, instant(escalation.path("at")));
    }

    @Test
    void goodsInTransitEscalateWhenTheDeliveryTimeLimitExpires() {
        Parties p = rt.windowOpen("transit", 30);
        JsonNode order = p.order();
        Instant limit = instant(order.path("fullyShippedAt")).plus(Duration.ofDays(30));
        assertEquals(limit, instant(order.path("protectionEndsAt")));
        JsonNode filed = p.file("GOODS_IN_TRANSIT", 10_000);
        assertEquals("DELIVERY_TIME_LIMIT_EXPIRED", filed.path("automaticEscalation").path("basis").asText());
        assertEquals(limit, instant(filed.path("automaticEscalation").path("at")));
        assertTrue(limit.isAfter(instant(filed.path("firstFiledAt")).plus(Duration.ofDays(15))),
                "the delivery limit, not the 15-day clock, decides here");
        p.reject();

        rt.advance("P25D"); // from the window's opening (shipped + 5 days) to the delivery limit (shipped + 30 days)
        JsonNode v = awaitStatus(p, "IN_ARBITRATION");
        JsonNode escalation = entry(v, "ESCALATED");
        assertEquals("DELIVERY_TIME_LIMIT_EXPIRED", escalation.path("details").path("basis").asText());
        assertEquals(limit, instant(escalation.path("at")));
        assertEquals(List.of("APPLICATION_FILED", "SELLER_REJECTED", "ESCALATED", "ARBITRATION_CASE_OPENED"), actions(v));
    }

    // Rule 1: the window
    @Test
    void applyingBeforeTheWindowOpensIsRefusedWithTheOpeningInstant() {
        Parties p = rt.registered("early", 10);
        Map<String, Object> apply = Map.of("reason", "DAMAGED", "amount", money(1_000));
        assertEquals("NOT_SHIPPED", expect(409, rt.post("/orders/early/disputes", p.buyerToken(), apply))
                .path("code").asText());
        JsonNode order = rt.ship(p);
        Response refused = rt.post("/orders/early/disputes", p.buyerToken(), apply);
        JsonNode problem = expect(409, refused);
        assertEquals("WINDOW_NOT_OPEN", problem.path("code").asText());
        assertEquals("urn:aftersales:problem:window-not-open", problem.path("type").asText());
        Instant opensAt = instant(problem.path("facts").path("opensAt"));
        assertEquals(instant(order.path("fullyShippedAt")).plus(Duration.ofDays(5)), opensAt);
        assertEquals(opensAt, instant(order.path("applicationWindow").path("opensAt")));
        assertEquals(0, p.order().path("disputes").size(), "a refusal writes nothing");
    }

    // the gateway and the clock
    @Test
    void theGatewayAuthorizesLikeTheHttpApiAndTheClockShowsTimeTravel() throws Exception {
        String genuine = rt.token("buyer", "buyer-auth");
        assertEquals(404, rt.get("/orders/none-such", genuine).status(), "a valid token reaches the handler");
        assertUnauthorized(rt.get("/orders/none-such", null));
        assertUnauthorized(rt.get("/orders/none-such", "not-a-jwt"));
        assertUnauthorized(rt.post("/orders", "garbage.token.here", Map.of()));

        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("not-the-local-key").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(),
                SignedJWT.parse(genuine).getJWTClaimsSet()); // same issuer, audience, role, subject, expiry
        forged.sign(new RSASSASigner(otherKey));
        assertUnauthorized(rt.get("/orders/none-such", forged.serialize()));

        JsonNode notFound = expect(404, rt.get("/no-such-route", genuine));
        assertEquals("Not Found", notFound.path("message").asText());
        assertEquals("ROLE_NOT_ALLOWED", expect(403, rt.post("/orders", genuine, Map.of("orderId", "by-buyer",
                "buyerId", "b", "sellerId", "s", "amountPaid", money(1), "deliveryTimeLimitDays", 5)))
                .path("code").asText());

        JsonNode before = rt.clock();
        JsonNode advanced = rt.advance("PT1H"); // the clock goes to (now at the request) + 1 hour
        JsonNode after = rt.clock();
        Duration moved = Duration.parse(advanced.path("offset").asText())
                .minus(Duration.parse(before.path("offset").asText()));
        assertTrue(moved.compareTo(Duration.ofHours(1)) <= 0 && moved.compareTo(Duration.ofMinutes(59)) > 0,
                () -> "offset moved by " + moved);
        assertEquals(advanced.path("offset").asText(), after.path("offset").asText());
        assertFalse(instant(after.path("now")).isBefore(instant(before.path("now")).plus(Duration.ofHours(1))));
        assertEquals(400, rt.post("/_local/clock/advance", null, Map.of("by", "-P1D")).status(), "forward only");
        assertEquals(400, rt.post("/_local/clock/advance", null, Map.of("by", "five days")).status());
    }
}
