package aftersales.local;

import aftersales.functions.json.Json;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local API Gateway HTTP API: routes read from template.yaml, a JWT authorizer, and each request handed to
 * the route's handler class as a payload-2.0 event, exactly as deployed. Unknown routes get 404 and missing or
 * bad tokens 401, with the bodies the HTTP API itself gives. Paths under {@code /_local/} are the runtime's own.
 */
final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_BODY = 10 * 1024 * 1024; // the HTTP API's own payload limit

    /** A bound route: the template's route and the handler instance serving it. */
    record Bound(TemplateRoutes.Route route, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(8);
    private final List<Bound> routes;
    private final LocalTokens tokens;
    private final InstantSource realClock;
    private final Map<String, Function<HttpExchange, String>> devEndpoints = new HashMap<>();

    Gateway(int port, List<Bound> routes, LocalTokens tokens, InstantSource realClock) throws IOException {
        this.routes = List.copyOf(routes);
        this.tokens = tokens;
        this.realClock = realClock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    /** Registers a runtime endpoint such as "POST /_local/clock/advance"; returns JSON. */
    void dev(String methodAndPath, Function<HttpExchange, String> endpoint) {
        devEndpoints.put(methodAndPath, endpoint);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = x.getRequestURI().getRawPath();
            var dev = devEndpoints.get(method + " " + path);
            if (dev != null) {
                try {
                    send(x, 200, Map.of("content-type", "application/json"), dev.apply(x));
                } catch (IllegalArgumentException bad) {
                    send(x, 400, Map.of("content-type", "application/json"), json("message", bad.getMessage()));
                }
                return;
            }
            Optional<Map.Entry<Bound, Map<String, String>>> match = routes.stream()
                    .filter(b -> b.route().method().equals(method))
                    .flatMap(b -> b.route().match(path).map(p -> Map.entry(b, p)).stream())
                    .findFirst();
            if (match.isEmpty()) {
                send(x, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
                return;
            }
            String auth = Optional.ofNullable(x.getRequestHeaders().getFirst("Authorization")).orElse("");
            Optional<Map<String, String>> claims = auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.verify(auth.substring(7).trim(), realClock.instant()) : Optional.empty();
            if (claims.isEmpty()) {
                send(x, 401, Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
                        "{\"message\":\"Unauthorized\"}");
                return;
            }
            byte[] body = readBody(x.getRequestBody());
            if (body == null) {
                send(x, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            Bound bound = match.get().getKey();
            APIGatewayV2HTTPEvent event = event(x, bound.route(), match.get().getValue(), claims.get(), body);
            APIGatewayV2HTTPResponse response = bound.handler().handleRequest(event, null);
            send(x, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                    response.getBody() == null ? "" : response.getBody());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "gateway failure", e);
            send(x, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
        }
    }

    private APIGatewayV2HTTPEvent event(HttpExchange x, TemplateRoutes.Route route, Map<String, String> pathParams,
                                        Map<String, String> claims, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String rawQuery = Optional.ofNullable(x.getRequestURI().getRawQuery()).orElse("");
        Instant now = realClock.instant();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(x.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(pathParams.isEmpty() ? null : pathParams)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(route.method()).withPath(x.getRequestURI().getRawPath())
                                .withProtocol("HTTP/1.1").withSourceIp(x.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", "")).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).withScopes(List.of()).build())
                                .build())
                        .build())
                .build();
    }

    /** Like the HTTP API: repeated parameters are joined with commas. */
    private static Map<String, String> query(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        Map<String, String> q = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.merge(k, v, (a, b) -> a + "," + b);
        }
        return q;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    static void send(HttpExchange x, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String body(HttpExchange x) {
        try {
            return new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String json(Object... keyValues) {
        var n = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            n.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return Json.write(n);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
