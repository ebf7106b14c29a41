package aftersales.functions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.template.Repo;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample events of events/ (the ones `sam local invoke -e` uses), sent as they are through the real handlers
 * in the order a dispute would produce them: they must stay valid requests, not just valid JSON.
 */
class SampleEventsTest {

    /** Lambda's own serializer matches SQS's "Records", "messageId"... regardless of case; so does this one. */
    private static final ObjectMapper EVENTS = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build();

    private final Harness h = new Harness();

    private static <T> T event(String file, Class<T> type) {
        try {
            return EVENTS.readValue(Files.readString(Repo.events().resolve(file)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Harness.Response send(String name, int expected) {
        Harness.Response r = h.call(event("api/" + name + ".json", APIGatewayV2HTTPEvent.class));
        assertEquals(expected, r.status(), () -> name + ": " + r.body());
        return r;
    }

    /** Registered, shipped at the sample's shippedAt, five days on, applied for 2599 EUR. */
    private void filed() {
        h.clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        send("post-orders", 201);
        send("post-order-shipments", 200);
        h.clock.advance(Duration.ofDays(5));
        send("post-order-disputes", 201);
    }

    @Test
    void theNegotiationEventsTellOneStory() {
        filed();
        send("post-dispute-evidence", 200);
        send("post-dispute-modification", 200);
        send("get-disputes", 200);
        send("post-dispute-rejection", 200);
        send("post-dispute-counter-proposal-acceptance", 200);
        assertEquals("COUNTER_PROPOSAL_ACCEPTED", send("get-dispute", 200).text("resolution.basis"));
        send("post-order-receipt", 200);
        send("post-order-evaluation", 200);
        send("get-order", 200);
        assertEquals(1, send("get-refund-instructions", 200).body().get("items").size());
        assertEquals("1000", send("get-refund-instruction", 200).text("refund.amount"));
    }

    @Test
    void acceptanceAndCancellationEvents() {
        filed();
        assertEquals("SELLER_ACCEPTED", send("post-dispute-acceptance", 200).text("resolution.basis"));
        Harness other = new Harness();
        other.clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        Harness.Response cancelled;
        for (String name : List.of("post-orders", "post-order-shipments")) {
            other.call(event("api/" + name + ".json", APIGatewayV2HTTPEvent.class));
        }
        other.clock.advance(Duration.ofDays(5));
        other.call(event("api/post-order-disputes.json", APIGatewayV2HTTPEvent.class));
        cancelled = other.call(event("api/post-dispute-cancellation.json", APIGatewayV2HTTPEvent.class));
        assertEquals("BUYER_CANCELLED", cancelled.text("resolution.basis"));
    }

    @Test
    void theArbitrationDeadlineAndSweeperEvents() {
        filed();
        send("post-dispute-rejection", 200);
        send("post-dispute-escalation", 200);
        // the SQS sample carries this dispute and one of an order that does not exist here: neither fails the batch
        SQSEvent batch = event("sqs-arbitration.json", SQSEvent.class);
        assertTrue(h.intake.handleRequest(batch, null).getBatchItemFailures().isEmpty());
        assertEquals(1, send("get-arbitration-cases", 200).body().get("items").size());
        send("get-arbitration-case", 200);
        h.clock.advance(Duration.ofDays(3));
        assertEquals("ARBITRATION", send("post-arbitration-case-ruling", 200).text("resolution.basis"));
        assertEquals(1, send("get-seller-penalties", 200).body().get("items").size());

        try {
            assertTrue(h.fireDeadline(Files.readString(Repo.events().resolve("deadline.json"))).contains("\"settled\":true"));
            assertTrue(h.sweep().startsWith("{\"due\":"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
