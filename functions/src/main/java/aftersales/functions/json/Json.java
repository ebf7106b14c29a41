package aftersales.functions.json;

import aftersales.domain.Money;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one ObjectMapper and small helpers for hand-written mappings. Domain types carry no annotations and
 * are never bound by reflection: mappings are explicit, which keeps cold starts short and the domain clean.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode money(Money m) {
        ObjectNode n = object();
        n.put("amount", m.minorUnits());
        n.put("currency", m.currency().getCurrencyCode());
        return n;
    }

    public static Money money(JsonNode n) {
        return Money.of(n.get("amount").longValue(), n.get("currency").textValue());
    }

    public static <T> ArrayNode array(Collection<T> items, Function<T, JsonNode> f) {
        ArrayNode a = array();
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }

    public static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(f.apply(n)));
        }
        return out;
    }

    public static ArrayNode strings(List<String> items) {
        ArrayNode a = array();
        items.forEach(a::add);
        return a;
    }

    public static List<String> strings(JsonNode array) {
        return list(array, JsonNode::textValue);
    }

    public static ObjectNode map(Map<String, String> m) {
        ObjectNode n = object();
        m.forEach(n::put);
        return n;
    }

    public static Map<String, String> map(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().textValue()));
        return m;
    }

    public static Instant instant(JsonNode n) {
        return Instant.parse(n.textValue());
    }

    public static Duration duration(JsonNode n) {
        return Duration.parse(n.textValue());
    }

    public static Optional<JsonNode> optional(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    public static void putIfPresent(ObjectNode n, String field, Optional<?> value) {
        value.ifPresent(v -> {
            if (v instanceof JsonNode j) {
                n.set(field, j);
            } else {
                n.put(field, v.toString());
            }
        });
    }
}
