package aftersales.functions.http;

import aftersales.functions.json.Json;
import aftersales.functions.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response before it becomes an API Gateway v2 response. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, JsonValue body) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), Json.write(body));
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpResponse(status, h, body);
    }
}
