package aftersales.functions.http;

import aftersales.domain.Money;
import aftersales.functions.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one JSON object strictly: unknown fields, missing required fields and wrong types are all collected,
 * so the caller learns every problem of a request at once. Business limits are the domain's to judge.
 */
public final class Fields {

    /** Amounts above this many minor units are refused as input (far above any real order). */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    private final JsonValue node;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private Fields(JsonValue node) {
        this.node = node;
    }

    /** The body as an object with only {@code allowed} fields; throws {@link BadRequest} if it is not one. */
    public static Fields of(JsonValue body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new BadRequest("body", "the body must be a JSON object");
        }
        Fields f = new Fields(body);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                f.error(name, "unknown field");
            }
        }
        return f;
    }

    public void done() {
        if (!errors.isEmpty()) {
            throw new BadRequest(errors);
        }
    }

    public String text(String field, boolean required) {
        JsonValue v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "required");
            }
            return "";
        }
        if (!v.isTextual()) {
            error(field, "must be a string");
            return "";
        }
        return v.textValue();
    }

    public Optional<String> optionalText(String field) {
        JsonValue v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(text(field, true));
    }

    public boolean bool(String field, boolean fallback) {
        JsonValue v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            error(field, "must be true or false");
            return fallback;
        }
        return v.booleanValue();
    }

    public int integer(String field, int min, int max) {
        JsonValue v = node.get(field);
        if (v == null || v.isNull()) {
            error(field, "required");
            return min;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            error(field, "must be an integer from " + min + " to " + max);
            return min;
        }
        return v.intValue();
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
        String s = text(field, true);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            error(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return fallback;
        }
    }

    public Instant instant(String field) {
        String s = text(field, true);
        if (s.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO-8601 UTC instant such as 2026-03-01T10:00:00Z");
            return Instant.EPOCH;
        }
    }

    public List<String> strings(String field) {
        JsonValue v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!(v instanceof aftersales.functions.json.JsonArray items)) {
            error(field, "must be an array of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : items) {
            if (!item.isTextual()) {
                error(field, "must be an array of strings");
                return List.of();
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** {"amount": minor units (integer >= 0), "currency": ISO-4217}; never a floating-point number. */
    public Optional<Money> money(String field, boolean required) {
        JsonValue v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "required");
            }
            return Optional.empty();
        }
        if (!v.isObject()) {
            error(field, "must be an object {\"amount\": minor units, \"currency\": \"ISO-4217 code\"}");
            return Optional.empty();
        }
        Iterator<String> names = v.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("amount") && !name.equals("currency")) {
                error(field + "." + name, "unknown field");
            }
        }
        JsonValue amount = v.get("amount");
        JsonValue currency = v.get("currency");
        boolean ok = true;
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
            error(field + ".amount", "must be an integer number of minor units (no decimals)");
            ok = false;
        } else if (amount.longValue() < 0 || amount.longValue() > MAX_AMOUNT) {
            error(field + ".amount", "must be from 0 to " + MAX_AMOUNT);
            ok = false;
        }
        Optional<java.util.Currency> code = Optional.empty();
        if (currency == null || !currency.isTextual()) {
            error(field + ".currency", "must be an ISO-4217 code such as \"EUR\"");
            ok = false;
        } else {
            try {
                code = Optional.of(Money.currency(currency.textValue()));
            } catch (IllegalArgumentException e) {
                error(field + ".currency", "must be an ISO-4217 code such as \"EUR\"");
                ok = false;
            }
        }
        return ok ? Optional.of(new Money(amount.longValue(), code.orElseThrow())) : Optional.empty();
    }

    public void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
