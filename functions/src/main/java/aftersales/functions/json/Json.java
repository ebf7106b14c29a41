package aftersales.functions.json;

import aftersales.domain.Money;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
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
 * JSON in and out, and small helpers for hand-written mappings. Domain types carry no annotations and are
 * never bound by reflection. Text is read and written with jackson-core's streaming parser and generator
 * into jackson-databind's tree nodes: no ObjectMapper, whose set-up alone costs a cold start about 100 ms.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
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
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses exactly one JSON value; anything after it (a second value, stray text) is malformed. */
    public static JsonNode parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("empty JSON text");
            }
            JsonNode value = read(p, first);
            if (p.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(java.io.InputStream in) {
        try {
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, read(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(read(p, v));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var it = n.fields(); it.hasNext(); ) {
                    var e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode v : n) {
                    write(g, v);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> {
                if (n.isIntegralNumber()) {
                    g.writeNumber(n.bigIntegerValue());
                } else {
                    g.writeNumber(n.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL, MISSING -> g.writeNull();
            default -> throw new IOException("cannot write a " + n.getNodeType() + " node");
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
