package aftersales.functions.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value: the small tree the service reads requests into and writes responses and stored items from.
 * A closed set of types; the accessors answer like Jackson's tree (a missing field is {@code null}, a value of
 * another type gives the neutral answer) so mapping code reads naturally.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonValue.Text, JsonValue.Number, JsonValue.Bool,
        JsonValue.Null {

    /** A string. */
    record Text(String value) implements JsonValue {
        @Override
        public String textValue() {
            return value;
        }

        @Override
        public String asText() {
            return value;
        }
    }

    /** A number as written; {@code integral} when it had no fraction or exponent. */
    record Number(BigDecimal value, boolean integral) implements JsonValue {
        @Override
        public String asText() {
            return integral ? value.toBigInteger().toString() : value.toString();
        }

        @Override
        public long longValue() {
            return value.longValue();
        }

        @Override
        public int intValue() {
            return value.intValue();
        }
    }

    /** true or false. */
    record Bool(boolean value) implements JsonValue {
        @Override
        public boolean booleanValue() {
            return value;
        }

        @Override
        public String asText() {
            return Boolean.toString(value);
        }
    }

    /** null. */
    record Null() implements JsonValue {
        @Override
        public String asText() {
            return "null";
        }
    }

    Null NULL = new Null();

    static JsonValue of(String s) {
        return new Text(s);
    }

    static JsonValue of(long n) {
        return new Number(BigDecimal.valueOf(n), true);
    }

    static JsonValue of(boolean b) {
        return new Bool(b);
    }

    /** The field's value, or {@code null} when absent or when this is not an object. */
    default JsonValue get(String field) {
        return null;
    }

    /** The field's value, or JSON null when absent or when this is not an object: for chained reads. */
    default JsonValue path(String field) {
        JsonValue v = get(field);
        return v == null ? NULL : v;
    }

    /** The element, or {@code null} when absent or when this is not an array. */
    default JsonValue get(int index) {
        return null;
    }

    /** The string, or {@code null} when this is not a string. */
    default String textValue() {
        return null;
    }

    /** The scalar as text ("" for objects and arrays). */
    default String asText() {
        return "";
    }

    /** The scalar as text, or {@code whenNull} for JSON null. */
    default String asText(String whenNull) {
        return isNull() ? whenNull : asText();
    }

    default long longValue() {
        return 0;
    }

    default int intValue() {
        return 0;
    }

    default boolean booleanValue() {
        return false;
    }

    default int size() {
        return 0;
    }

    default boolean isObject() {
        return this instanceof JsonObject;
    }

    default boolean isArray() {
        return this instanceof JsonArray;
    }

    default boolean isTextual() {
        return this instanceof Text;
    }

    default boolean isBoolean() {
        return this instanceof Bool;
    }

    default boolean isNull() {
        return this instanceof Null;
    }

    default boolean isIntegralNumber() {
        return this instanceof Number n && n.integral();
    }

    default boolean canConvertToLong() {
        return this instanceof Number n && n.integral()
                && n.value().compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && n.value().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    default boolean canConvertToInt() {
        return canConvertToLong() && longValue() >= Integer.MIN_VALUE && longValue() <= Integer.MAX_VALUE;
    }

    /** An object's fields in order; nothing for other values. */
    default Iterator<Map.Entry<String, JsonValue>> fields() {
        return Collections.emptyIterator();
    }

    default Iterator<String> fieldNames() {
        return Collections.emptyIterator();
    }
}
