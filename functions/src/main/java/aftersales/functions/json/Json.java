package aftersales.functions.json;

import aftersales.domain.Money;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * never bound by reflection. Text goes through jackson-core's streaming parser and generator into the
 * {@link JsonValue} tree: no data-binding layer to set up, which keeps cold starts and the deployable jar small.
 */
public final class Json {

    /** A repeated key in one object is malformed, not "last one wins". */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Json() {
    }

    public static JsonObject object() {
        return new JsonObject();
    }

    public static JsonArray array() {
        return new JsonArray();
    }

    public static String write(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses exactly one JSON value; anything after it (a second value, stray text) is malformed. */
    public static JsonValue parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("empty JSON text");
            }
            JsonValue value = read(p, first);
            if (p.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonValue parse(InputStream in) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonValue read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                JsonObject o = new JsonObject();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, read(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                JsonArray a = new JsonArray();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(read(p, v));
                }
                yield a;
            }
            case VALUE_STRING -> new JsonValue.Text(p.getText());
            case VALUE_NUMBER_INT -> new JsonValue.Number(new java.math.BigDecimal(p.getBigIntegerValue()), true);
            case VALUE_NUMBER_FLOAT -> new JsonValue.Number(p.getDecimalValue(), false);
            case VALUE_TRUE -> JsonValue.of(true);
            case VALUE_FALSE -> JsonValue.of(false);
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    private static void write(JsonGenerator g, JsonValue value) throws IOException {
        switch (value) {
            case JsonObject o -> {
                g.writeStartObject();
                for (var it = o.fields(); it.hasNext(); ) {
                    var e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case JsonArray a -> {
                g.writeStartArray();
                for (JsonValue v : a) {
                    write(g, v);
                }
                g.writeEndArray();
            }
            case JsonValue.Text s -> g.writeString(s.value());
            case JsonValue.Number n -> {
                if (n.integral()) {
                    g.writeNumber(n.value().toBigInteger());
                } else {
                    g.writeNumber(n.value());
                }
            }
            case JsonValue.Bool b -> g.writeBoolean(b.value());
            case JsonValue.Null n -> g.writeNull();
        }
    }

    public static JsonObject money(Money m) {
        return object().put("amount", m.minorUnits()).put("currency", m.currency().getCurrencyCode());
    }

    public static Money money(JsonValue n) {
        return Money.of(n.get("amount").longValue(), n.get("currency").textValue());
    }

    public static <T> JsonArray array(Collection<T> items, Function<T, ? extends JsonValue> f) {
        JsonArray a = array();
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }

    public static <T> List<T> list(JsonValue array, Function<JsonValue, T> f) {
        List<T> out = new ArrayList<>();
        if (array instanceof JsonArray a) {
            a.forEach(n -> out.add(f.apply(n)));
        }
        return out;
    }

    public static JsonArray strings(List<String> items) {
        JsonArray a = array();
        items.forEach(a::add);
        return a;
    }

    public static List<String> strings(JsonValue array) {
        return list(array, JsonValue::textValue);
    }

    public static JsonObject map(Map<String, String> m) {
        JsonObject n = object();
        m.forEach(n::put);
        return n;
    }

    public static Map<String, String> map(JsonValue n) {
        Map<String, String> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().textValue()));
        return m;
    }

    public static Instant instant(JsonValue n) {
        return Instant.parse(n.textValue());
    }

    public static Duration duration(JsonValue n) {
        return Duration.parse(n.textValue());
    }

    public static Optional<JsonValue> optional(JsonValue parent, String field) {
        JsonValue n = parent.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    public static void putIfPresent(JsonObject n, String field, Optional<?> value) {
        value.ifPresent(v -> {
            if (v instanceof JsonValue j) {
                n.set(field, j);
            } else {
                n.put(field, v.toString());
            }
        });
    }
}
