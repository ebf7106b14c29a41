package aftersales.functions.http;

import aftersales.domain.Refusal;
import aftersales.domain.RefusalCode;
import aftersales.functions.json.Json;
import aftersales.functions.json.JsonArray;
import aftersales.functions.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 9457 problem details. {@code type} is stable per reason ({@code urn:aftersales:problem:<code>}), {@code code}
 * repeats it in the words of RULES.md, {@code facts} carry instants and amounts, {@code errors} list bad fields.
 */
public final class Problem {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One bad field of a request. */
    public record FieldError(String field, String message) {
    }

    private Problem() {
    }

    public static HttpResponse of(int status, String code, String title, String detail) {
        return of(status, code, title, detail, Map.of(), List.of());
    }

    public static HttpResponse of(int status, String code, String title, String detail, Map<String, String> facts,
                                  List<FieldError> errors) {
        JsonObject n = Json.object();
        n.put("type", "urn:aftersales:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        n.put("title", title);
        n.put("status", status);
        n.put("detail", detail);
        n.put("code", code);
        if (!facts.isEmpty()) {
            n.set("facts", Json.map(facts));
        }
        if (!errors.isEmpty()) {
            JsonArray a = n.putArray("errors");
            errors.forEach(e -> a.addObject().put("field", e.field()).put("message", e.message()));
        }
        return new HttpResponse(status, Map.of("content-type", CONTENT_TYPE), Json.write(n));
    }

    /**
     * A domain refusal as a response; field-shaped refusals also list the field. "Not yours" is answered
     * exactly like "not there", so a stranger cannot tell an existing order from a missing one.
     */
    public static HttpResponse of(Refusal r) {
        if (r.code().category() == RefusalCode.Category.NOT_FOUND) {
            return notFound();
        }
        int status = switch (r.code().category()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case INVALID -> 422;
        };
        String field = r.facts().get("field");
        List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, r.message()));
        return of(status, r.code().name(), title(r.code()), r.message(), r.facts(), errors);
    }

    public static HttpResponse badRequest(List<FieldError> errors) {
        return of(400, "INVALID_REQUEST", "Invalid request", "the request has " + errors.size() + " invalid field(s)",
                Map.of(), errors);
    }

    public static HttpResponse notFound() {
        return of(404, "NOT_FOUND", "Not found", "no such resource");
    }

    private static String title(RefusalCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
