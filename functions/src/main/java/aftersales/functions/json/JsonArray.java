package aftersales.functions.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A JSON array, built element by element. */
public final class JsonArray implements JsonValue, Iterable<JsonValue> {

    private final List<JsonValue> items = new ArrayList<>();

    public JsonArray add(JsonValue value) {
        items.add(value == null ? NULL : value);
        return this;
    }

    public JsonArray add(String value) {
        return add(value == null ? NULL : new Text(value));
    }

    public JsonObject addObject() {
        JsonObject o = new JsonObject();
        items.add(o);
        return o;
    }

    @Override
    public JsonValue get(int index) {
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Iterator<JsonValue> iterator() {
        return items.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
