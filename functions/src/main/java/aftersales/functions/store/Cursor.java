package aftersales.functions.store;

import aftersales.functions.json.Json;
import aftersales.functions.json.JsonValue;
import aftersales.functions.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Opaque page cursors: a query's LastEvaluatedKey (string attributes only), base64url-encoded JSON. */
public final class Cursor {

    private Cursor() {
    }

    public static Optional<String> encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return Optional.empty();
        }
        JsonObject n = Json.object();
        lastKey.forEach((k, v) -> n.put(k, v.s()));
        return Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Decodes a cursor made for this listing: exactly these key attributes, and the partition the query
     * reads (a cursor from another caller's listing would start outside it). Anything else is {@link BadCursor}.
     */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> keyAttributes, String partitionAttribute,
                                                     String partitionValue) {
        try {
            JsonValue n = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw new BadCursor();
                }
                key.put(e.getKey(), AttributeValue.fromS(e.getValue().textValue()));
            });
            if (!key.keySet().equals(keyAttributes) || !partitionValue.equals(key.get(partitionAttribute).s())) {
                throw new BadCursor();
            }
            return key;
        } catch (RuntimeException e) {
            throw e instanceof BadCursor b ? b : new BadCursor();
        }
    }

    /** A cursor that this service did not make for this listing. */
    public static final class BadCursor extends RuntimeException {
        BadCursor() {
            super("malformed cursor", null, false, false);
        }
    }
}
