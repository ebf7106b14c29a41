package aftersales.functions.json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A JSON object, built field by field; fields keep their order. */
public final class JsonObject implements JsonValue {

    private final Map<String, JsonValue> fields = new LinkedHashMap<>();

    @Override
    public JsonValue get(String field) {
        return fields.get(field);
    }

    public JsonObject put(String field, String value) {
        return set(field, value == null ? NULL : new Text(value));
    }

    public JsonObject put(String field, long value) {
        return set(field, JsonValue.of(value));
    }

    public JsonObject put(String field, boolean value) {
        return set(field, JsonValue.of(value));
    }

    public JsonObject putNull(String field) {
        return set(field, NULL);
    }

    public JsonObject set(String field, JsonValue value) {
        fields.put(Objects.requireNonNull(field), value == null ? NULL : value);
        return this;
    }

    public JsonObject setAll(JsonObject other) {
        fields.putAll(other.fields);
        return this;
    }

    public JsonObject putObject(String field) {
        JsonObject o = new JsonObject();
        set(field, o);
        return o;
    }

    public JsonArray putArray(String field) {
        JsonArray a = new JsonArray();
        set(field, a);
        return a;
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public Iterator<Map.Entry<String, JsonValue>> fields() {
        return fields.entrySet().iterator();
    }

    @Override
    public Iterator<String> fieldNames() {
        return fields.keySet().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
