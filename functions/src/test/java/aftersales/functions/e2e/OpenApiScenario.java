package aftersales.functions.e2e;

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
import aftersales.functions.testing.Dynalite;
import aftersales.functions.testing.ElasticMq;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scenario driver of {@link OpenApiContractTest}: sends requests through the {@link Harness} and checks every
 * exchange against openapi.yaml (request parameters and body as sent, response status, content type, headers and
 * body as documented), recording which statuses each route answered and which actions the views offered.
 */
final class OpenApiScenario {

    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}]+)}");

    private final OpenApiSchemas api;
    private final Harness harness;
    /** Statuses seen, by route key. */
    private final Map<String, Set<Integer>> covered = new TreeMap<>();
    /** allowedActions seen in 2xx bodies, by the view they were in. */
    private final Map<String, Set<String>> offered = new TreeMap<>();

    OpenApiScenario(OpenApiSchemas api, Harness harness) {
        this.api = api;
        this.harness = harness;
    }

    Map<String, Set<Integer>> covered() {
        return covered;
    }

    Map<String, Set<String>> offered() {
        return offered;
    }

    /** One request as sent. */
    record Call(Caller caller, String routeKey, Map<String, String> path, Map<String, String> query,
                String body, String idempotencyKey) {
    }

    Response post(Caller caller, String routeKey, Map<String, String> path, String body) {
        return check(new Call(caller, routeKey, path, Map.of(), body, null),
                harness.post(caller, routeKey, path, body));
    }

    Response postKeyed(Caller caller, String routeKey, Map<String, String> path, String body, String key) {
        return check(new Call(caller, routeKey, path, Map.of(), body, key),
                harness.post(caller, routeKey, path, body, key));
    }

    Response get(Caller caller, String routeKey, Map<String, String> path, Map<String, String> query) {
        return check(new Call(caller, routeKey, path, query, null, null),
                harness.get(caller, routeKey, path, query));
    }

    /** A body the handler answers 400 for must also fail the documented request schema. */
    void badBody(Caller caller, String routeKey, Map<String, String> path, String body) {
        Response r = expect(400, post(caller, routeKey, path, body));
        JsonNode schema = api.requestSchema(routeKey, "application/json")
                .orElseThrow(() -> new AssertionError(routeKey + " documents no JSON request body"));
        assertFalse(api.validate(schema, TestJson.parse(body)).isEmpty(),
                routeKey + ": the handler refused " + body + " (" + r.body() + ") but the documented schema accepts it");
    }

    /** Query values the handler answers 400 for must also fail the documented parameter schema. */
    void badQuery(Caller caller, String routeKey, Map<String, String> query) {
        Response r = expect(400, get(caller, routeKey, Map.of(), query));
        boolean anyInvalid = query.entrySet().stream().anyMatch(e -> !parameterErrors(routeKey, "query", e.getKey(),
                e.getValue()).isEmpty());
        assertTrue(anyInvalid, routeKey + ": the handler refused " + query + " (" + r.body()
                + ") but the documented parameters accept it");
    }

    Response check(Call call, APIGatewayV2HTTPResponse raw) {
        JsonNode body = raw.getBody() == null || raw.getBody().isEmpty() ? null : TestJson.parse(raw.getBody());
        return check(call, new Response(raw.getStatusCode(), raw.getHeaders(), body));
    }

    static Response expect(int status, Response r) {
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

    Set<String> enumOf(String componentSchema) {
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

    static String registration(String orderId, long amount) {
        return """
                {"orderId":"%s","buyerId":"buyer-42","sellerId":"seller-7",
                 "amountPaid":{"amount":%d,"currency":"EUR"},"deliveryTimeLimitDays":20}""".formatted(orderId, amount);
    }

    static String application(long amount) {
        return """
                {"reason":"NOT_AS_DESCRIBED","amount":{"amount":%d,"currency":"EUR"},
                 "returnGoods":false,"description":"colour differs","attachments":["s3://evidence/1.jpg"]}"""
                .formatted(amount);
    }

    /** The query handler as deployed, but every DynamoDB call fails: the unexpected, as a 500 without internals. */
    static QueryApiHandler brokenQueries(Harness h) {
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
