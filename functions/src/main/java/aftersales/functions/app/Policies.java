package aftersales.functions.app;

import aftersales.domain.Policy;
import aftersales.functions.aws.Config;
import aftersales.functions.json.Json;
import aftersales.functions.json.JsonObject;
import aftersales.functions.json.JsonValue;
import aftersales.functions.json.OrderJson;

/**
 * The policy in force: {@link Policy#DEFAULT}, or the JSON in {@code DISPUTE_POLICY} laid over it, for example
 * {@code {"version":"2027-01","sellerResponseTime":"P3D"}} (durations in ISO-8601). New disputes take it; a
 * dispute keeps the policy it was opened under. A malformed policy stops the function at init, by name.
 */
public final class Policies {

    private Policies() {
    }

    public static Policy from(Config config) {
        if (!config.has(Config.DISPUTE_POLICY)) {
            return Policy.DEFAULT;
        }
        try {
            JsonValue overrides = Json.parse(config.require(Config.DISPUTE_POLICY));
            if (!(overrides instanceof JsonObject o)) {
                throw new IllegalArgumentException("must be a JSON object");
            }
            JsonObject merged = OrderJson.policy(Policy.DEFAULT);
            for (var it = o.fields(); it.hasNext(); ) {
                var field = it.next();
                if (merged.get(field.getKey()) == null) {
                    throw new IllegalArgumentException("unknown field " + field.getKey());
                }
                merged.set(field.getKey(), field.getValue());
            }
            if (o.get("version") == null) {
                throw new IllegalArgumentException("a changed policy needs its own version");
            }
            return OrderJson.policy(merged);
        } catch (RuntimeException e) {
            throw new IllegalStateException(Config.DISPUTE_POLICY + " is not a valid policy: " + e.getMessage(), e);
        }
    }
}
