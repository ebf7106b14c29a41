package aftersales.functions.template;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.DeadlineKind;
import aftersales.domain.DisputeId;
import aftersales.domain.Role;
import aftersales.functions.effects.DeadlineTrigger;
import aftersales.functions.http.Api;
import aftersales.functions.http.Caller;
import aftersales.functions.http.CommandRoutes;
import aftersales.functions.http.HttpRequest;
import aftersales.functions.http.QueryRoutes;
import aftersales.functions.http.Requests;
import aftersales.functions.json.EffectJson;
import aftersales.functions.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** events/ as sam local invoke reads it: one sample per route and per other function, each shaped as AWS sends it. */
class EventsFolderTest {

    /** Lenient on extra fields, as the Lambda runtime's serializer is; SQS's "Records"/"eventSourceARN" need case-insensitivity. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .build();

    /** Per route: who calls it in the sample, and how the route reads the request (throws BadRequest if invalid). */
    private record Sample(Role role, Consumer<HttpRequest> parse) {
    }

    private static final DisputeId DISPUTE = DisputeId.parse("ord-1001~1").orElseThrow();

    private static final Map<String, Sample> SAMPLES = Map.ofEntries(
            Map.entry("POST /orders", new Sample(Role.PLATFORM, Requests::registration)),
            Map.entry("POST /orders/{orderId}/shipments", new Sample(Role.SELLER, Requests::shipment)),
            Map.entry("POST /orders/{orderId}/receipt", new Sample(Role.BUYER, Requests::noBody)),
            Map.entry("POST /orders/{orderId}/evaluation", new Sample(Role.BUYER, Requests::evaluation)),
            Map.entry("POST /orders/{orderId}/disputes", new Sample(Role.BUYER, Requests::application)),
            Map.entry("POST /disputes/{disputeId}/modification", new Sample(Role.BUYER, r -> Requests.modification(r, DISPUTE))),
            Map.entry("POST /disputes/{disputeId}/acceptance", new Sample(Role.SELLER, Requests::noBody)),
            Map.entry("POST /disputes/{disputeId}/rejection", new Sample(Role.SELLER, r -> Requests.rejection(r, DISPUTE))),
            Map.entry("POST /disputes/{disputeId}/counter-proposal-acceptance", new Sample(Role.BUYER, Requests::noBody)),
            Map.entry("POST /disputes/{disputeId}/escalation", new Sample(Role.BUYER, Requests::noBody)),
            Map.entry("POST /disputes/{disputeId}/cancellation", new Sample(Role.BUYER, Requests::noBody)),
            Map.entry("POST /disputes/{disputeId}/evidence", new Sample(Role.SELLER, r -> Requests.evidence(r, DISPUTE))),
            Map.entry("POST /arbitration/cases/{disputeId}/ruling", new Sample(Role.ARBITRATOR, r -> Requests.ruling(r, DISPUTE))),
            Map.entry("GET /orders/{orderId}", new Sample(Role.BUYER, r -> { })),
            Map.entry("GET /disputes", new Sample(Role.BUYER, Requests::paging)),
            Map.entry("GET /disputes/{disputeId}", new Sample(Role.BUYER, r -> { })),
            Map.entry("GET /arbitration/cases", new Sample(Role.ARBITRATOR, Requests::paging)),
            Map.entry("GET /arbitration/cases/{disputeId}", new Sample(Role.ARBITRATOR, r -> { })),
            Map.entry("GET /refund-instructions", new Sample(Role.PLATFORM, Requests::paging)),
            Map.entry("GET /refund-instructions/{instructionId}", new Sample(Role.PLATFORM, r -> { })),
            Map.entry("GET /sellers/{sellerId}/penalties", new Sample(Role.SELLER, Requests::paging)));

    static Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        keys.addAll(new CommandRoutes(null).commands(new Api(null, InstantSource.system())).routeKeys());
        keys.addAll(new QueryRoutes(null, null, null, null).queries(new Api(null, InstantSource.system())).routeKeys());
        return keys;
    }

    static Map<Path, APIGatewayV2HTTPEvent> apiEvents() throws IOException {
        Map<Path, APIGatewayV2HTTPEvent> events = new TreeMap<>();
        try (Stream<Path> files = Files.list(Repo.events().resolve("api"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                events.put(f, MAPPER.readValue(f.toFile(), APIGatewayV2HTTPEvent.class));
            }
        }
        return events;
    }

    @Test
    void everyRouteHasExactlyOneApiEvent() throws IOException {
        Map<String, List<String>> byRoute = new TreeMap<>();
        apiEvents().forEach((file, e) -> byRoute.computeIfAbsent(String.valueOf(e.getRouteKey()),
                k -> new java.util.ArrayList<>()).add(file.getFileName().toString()));
        assertEquals(routeKeys(), byRoute.keySet(), "route keys of events/api/*.json");
        byRoute.forEach((route, files) -> assertEquals(1, files.size(), route + " has " + files));
        assertEquals(routeKeys(), new TreeSet<>(SAMPLES.keySet()), "this test's table of samples is out of date");
    }

    @Test
    void apiEventsAreShapedLikeHttpApiPayload2() throws IOException {
        apiEvents().forEach((file, e) -> {
            String name = file.getFileName().toString();
            assertEquals("2.0", e.getVersion(), name);
            var ctx = e.getRequestContext();
            assertNotNull(ctx, name + " requestContext");
            assertEquals(e.getRouteKey(), ctx.getRouteKey(), name + " requestContext.routeKey");
            String method = e.getRouteKey().split(" ", 2)[0];
            assertEquals(method, ctx.getHttp().getMethod(), name + " http.method");
            assertEquals(e.getRawPath(), ctx.getHttp().getPath(), name + " http.path");
            assertEquals("/" + ctx.getStage() + concretePath(e), e.getRawPath(), name + " rawPath");
            assertFalse(e.getIsBase64Encoded(), name);
            assertTrue(e.getHeaders().get("authorization").startsWith("Bearer "), name + " authorization header");
            assertNotNull(ctx.getAuthorizer().getJwt().getScopes(), name + " jwt scopes");
            // the file name says what it is: post-..., get-...
            assertTrue(name.startsWith(method.toLowerCase(java.util.Locale.ROOT) + "-"), name + " for " + method);
        });
    }

    @Test
    void apiEventsCarryTheRightCallerAndAValidRequest() throws IOException {
        apiEvents().forEach((file, e) -> {
            String name = file.getFileName().toString();
            Map<String, String> claims = e.getRequestContext().getAuthorizer().getJwt().getClaims();
            var actor = Caller.from(claims);
            assertTrue(actor.isPresent(), name + ": claims " + claims + " name no caller");
            Sample sample = SAMPLES.get(e.getRouteKey());
            assertEquals(sample.role(), actor.get().role(), name + " caller role");
            boolean hasBody = e.getBody() != null && !e.getBody().isBlank();
            if (hasBody) {
                assertEquals("application/json", e.getHeaders().get("content-type"), name + " content-type");
                assertEquals(String.valueOf(e.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                        e.getHeaders().get("content-length"), name + " content-length");
            }
            assertFalse(hasBody && e.getRouteKey().startsWith("GET "), name + ": a GET with a body");
            HttpRequest request = new HttpRequest(e.getRouteKey(), e.getPathParameters(), e.getQueryStringParameters(),
                    e.getHeaders(), e.getBody(), claims);
            assertDoesNotThrow(() -> sample.parse().accept(request), name + ": the route rejects the sample's request");
        });
    }

    @Test
    void theDeadlineEventIsWhatTheSchedulerAdapterSends() throws IOException {
        JsonNode n = MAPPER.readTree(Repo.events().resolve("deadline.json").toFile());
        DeadlineTrigger t = MAPPER.treeToValue(n, DeadlineTrigger.class);
        assertEquals(Set.of("disputeId", "kind", "at"), fieldNames(n));
        assertTrue(DisputeId.parse(t.disputeId()).isPresent(), "disputeId " + t.disputeId());
        assertEquals(DeadlineKind.SELLER_RESPONSE, t.deadline().kind());
        assertEquals(Instant.parse("2026-03-11T10:00:00Z"), t.deadline().at());
    }

    @Test
    void theSqsEventIsABatchOfArbitrationMessages() throws IOException {
        SQSEvent e = MAPPER.readValue(Repo.events().resolve("sqs-arbitration.json").toFile(), SQSEvent.class);
        assertNotNull(e.getRecords(), "Records");
        assertEquals(2, e.getRecords().size());
        Set<String> ids = new TreeSet<>();
        for (SQSEvent.SQSMessage m : e.getRecords()) {
            assertTrue(ids.add(m.getMessageId()), "message ids are unique (ReportBatchItemFailures names them)");
            assertEquals("aws:sqs", m.getEventSource());
            assertNotNull(m.getEventSourceArn(), "eventSourceARN");
            var escalation = EffectJson.arbitrationMessage(Json.parse(m.getBody()));
            assertNotNull(escalation.disputeId());
        }
    }

    @Test
    void theSweeperEventIsJson() throws IOException {
        JsonNode n = MAPPER.readTree(Repo.events().resolve("sweeper.json").toFile());
        assertTrue(n.isObject() && n.size() > 0, "a scheduler payload");
    }

    @Test
    void theReadmeListsEveryEventFile() throws IOException {
        String readme = Files.readString(Repo.events().resolve("README.md"));
        try (Stream<Path> files = Files.walk(Repo.events())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String relative = Repo.events().relativize(f).toString().replace('\\', '/');
                assertTrue(readme.contains("events/" + relative), "events/README.md does not show how to invoke " + relative);
            }
        }
    }

    /** The route's path with the event's path parameters in, URL-encoded as a client sends them. */
    private static String concretePath(APIGatewayV2HTTPEvent e) {
        String path = e.getRouteKey().split(" ", 2)[1];
        Map<String, String> params = e.getPathParameters() == null ? Map.of() : new HashMap<>(e.getPathParameters());
        for (var p : params.entrySet()) {
            String encoded = java.net.URLEncoder.encode(p.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("%7E", "~");
            assertTrue(path.contains("{" + p.getKey() + "}"), e.getRouteKey() + " has no parameter " + p.getKey());
            path = path.replace("{" + p.getKey() + "}", encoded);
        }
        assertFalse(path.contains("{"), e.getRouteKey() + ": a path parameter is missing");
        return path;
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
