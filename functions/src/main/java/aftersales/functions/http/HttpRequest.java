package aftersales.functions.http;

import java.util.Map;
import java.util.Optional;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) request the API uses. {@code routeKey} is the matched
 * route ("POST /disputes/{disputeId}/escalation"), so routing is API Gateway's (or the local gateway's) job.
 */
public record HttpRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                          Map<String, String> headers, String body, Map<String, String> claims) {

    public HttpRequest {
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = lowerCaseKeys(headers);
        body = body == null ? "" : body;
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    public String path(String name) {
        return pathParameters.getOrDefault(name, "");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        java.util.Map<String, String> m = new java.util.HashMap<>();
        headers.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return Map.copyOf(m);
    }
}
