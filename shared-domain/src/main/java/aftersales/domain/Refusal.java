package aftersales.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a command was not allowed: a stable code, a human message, and the facts behind it
 * (for example the instant the window opens). Nothing is changed by a refused command.
 */
public record Refusal(RefusalCode code, String message, Map<String, String> facts) implements Allowance {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static Refusal of(RefusalCode code, String message) {
        return new Refusal(code, message, Map.of());
    }

    public static Refusal of(RefusalCode code, String message, String fact, Object value) {
        return new Refusal(code, message, Map.of(fact, String.valueOf(value)));
    }
}
