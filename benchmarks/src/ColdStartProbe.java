import aftersales.functions.handlers.CommandApiHandler;
import aftersales.functions.handlers.QueryApiHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * (c)/(d) A cold start of a production handler: a fresh JVM constructs the handler with its no-arg constructor
 * (which reads the environment exactly as in Lambda) and handles ONE API Gateway HTTP API (payload 2.0) event
 * carrying JWT authorizer claims.
 *
 * <pre>
 *   ColdStartProbe query   &lt;orderId&gt;  GET  /orders/{orderId} as the order's buyer (QueryApiHandler)
 *   ColdStartProbe command &lt;orderId&gt;  POST /orders registering a new order as the platform (CommandApiHandler)
 * </pre>
 *
 * Prints {@code status=<code> inJvmMs=<ms from JVM start to the handler's response>}; exits 1 unless 2xx.
 * The Lambda runtime's own work (its JSON deserialisation of the event, the runtime API loop) is not part of
 * this; neither is it part of the GetItem floor.
 */
public final class ColdStartProbe {

    static final String BUYER = "buyer-42";
    static final String SELLER = "seller-7";

    public static void main(String[] args) {
        String mode = args[0];
        String orderId = args[1];
        APIGatewayV2HTTPResponse response = switch (mode) {
            case "query" -> new QueryApiHandler().handleRequest(viewOrder(orderId), null);
            case "command" -> new CommandApiHandler().handleRequest(registerOrder(orderId), null);
            default -> throw new IllegalArgumentException("mode is query or command, not " + mode);
        };
        long end = System.currentTimeMillis();
        // The management classes load only after the clock was read, so they do not count.
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        int status = response.getStatusCode();
        System.out.println("status=" + status + " inJvmMs=" + (end - start));
        if (status / 100 != 2) {
            System.err.println(response.getBody());
            System.exit(1);
        }
    }

    static APIGatewayV2HTTPEvent viewOrder(String orderId) {
        return event("GET", "/orders/{orderId}", "/orders/" + orderId, Map.of("orderId", orderId), null,
                Map.of("sub", BUYER, "role", "buyer"));
    }

    static APIGatewayV2HTTPEvent registerOrder(String orderId) {
        String body = """
                {"orderId":"%s","buyerId":"%s","sellerId":"%s",\
                "amountPaid":{"amount":10000,"currency":"EUR"},"deliveryTimeLimitDays":20}""".formatted(orderId, BUYER, SELLER);
        return event("POST", "/orders", "/orders", null, body, Map.of("sub", "platform-backoffice", "role", "platform"));
    }

    /** Shaped like what API Gateway sends for a route with the JWT authorizer (payload format 2.0). */
    private static APIGatewayV2HTTPEvent event(String method, String route, String path, Map<String, String> pathParameters,
                                               String body, Map<String, String> claims) {
        String routeKey = method + " " + route;
        long now = System.currentTimeMillis();
        Map<String, String> headers = body == null
                ? Map.of("accept", "application/json", "authorization", "Bearer eyJ.probe.token",
                        "host", "abc123.execute-api.eu-west-1.amazonaws.com", "user-agent", "coldstart-probe/1")
                : Map.of("accept", "application/json", "authorization", "Bearer eyJ.probe.token",
                        "content-type", "application/json", "content-length", Integer.toString(body.length()),
                        "host", "abc123.execute-api.eu-west-1.amazonaws.com", "user-agent", "coldstart-probe/1");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath("/prod" + path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012")
                        .withApiId("abc123")
                        .withDomainName("abc123.execute-api.eu-west-1.amazonaws.com")
                        .withDomainPrefix("abc123")
                        .withStage("prod")
                        .withRouteKey(routeKey)
                        .withRequestId("probe-" + now)
                        .withTime("27/Nov/2025:00:00:00 +0000")
                        .withTimeEpoch(now)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath("/prod" + path).withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.7").withUserAgent("coldstart-probe/1").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).withScopes(List.of()).build())
                                .build())
                        .build())
                .build();
    }
}
