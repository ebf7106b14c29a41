package aftersales.functions.store;

import static aftersales.functions.store.Table.PK;
import static aftersales.functions.store.Table.SK;

import aftersales.functions.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Key records: claimed before a command runs, completed with its response. A retry with the same
 * key and request gets the first response again; with another request, a refusal; while the first is still
 * running (its lease not expired), "in progress". Records expire through the table's TTL attribute.
 */
public final class IdempotencyStore {

    public static final String TTL_ATTRIBUTE = "expiresAt";
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration RETENTION = Duration.ofHours(24);

    private final DynamoDbClient ddb;
    private final String table;

    public IdempotencyStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** What a claim found. */
    public sealed interface Claim {
        /** This request owns the key now: run it, then {@link #complete}. */
        record Claimed() implements Claim {
        }

        /** Done before with the same request: here is its response. */
        record Replay(HttpResponse response) implements Claim {
        }

        /** The key was used for a different request. */
        record Mismatch() implements Claim {
        }

        /** The same request is still running elsewhere. */
        record InProgress() implements Claim {
        }
    }

    public Claim claim(String scope, String key, String requestHash, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(scope, key));
        item.put("requestHash", AttributeValue.fromS(requestHash));
        item.put("state", AttributeValue.fromS("RUNNING"));
        item.put("leaseUntil", AttributeValue.fromN(Long.toString(now.plus(LEASE).toEpochMilli())));
        item.put(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        try {
            ddb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR (#st = :running AND #lease < :now)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#st", "state", "#lease", "leaseUntil"))
                    .expressionAttributeValues(Map.of(":running", AttributeValue.fromS("RUNNING"),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return new Claim.Claimed();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> found = ddb.getItem(b -> b.tableName(table).key(key(scope, key))
                    .consistentRead(true)).item();
            if (found == null || found.isEmpty()) {
                return claim(scope, key, requestHash, now);
            }
            if (!requestHash.equals(found.get("requestHash").s())) {
                return new Claim.Mismatch();
            }
            if (!"DONE".equals(found.get("state").s())) {
                return new Claim.InProgress();
            }
            Map<String, String> headers = new HashMap<>();
            found.get("headers").m().forEach((k, v) -> headers.put(k, v.s()));
            return new Claim.Replay(new HttpResponse(Integer.parseInt(found.get("status").n()), headers,
                    Optional.ofNullable(found.get("body")).map(AttributeValue::s).orElse("")));
        }
    }

    public void complete(String scope, String key, String requestHash, HttpResponse response, Instant now) {
        Map<String, AttributeValue> headers = new HashMap<>();
        response.headers().forEach((k, v) -> headers.put(k, AttributeValue.fromS(v)));
        Map<String, AttributeValue> item = new HashMap<>(key(scope, key));
        item.put("requestHash", AttributeValue.fromS(requestHash));
        item.put("state", AttributeValue.fromS("DONE"));
        item.put("status", AttributeValue.fromN(Integer.toString(response.status())));
        item.put("headers", AttributeValue.fromM(headers));
        item.put("body", AttributeValue.fromS(response.body()));
        item.put(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    /** Gives the key back after a failure that should not be replayed (a 5xx): a retry runs again. */
    public void release(String scope, String key) {
        ddb.deleteItem(b -> b.tableName(table).key(key(scope, key)));
    }

    private static Map<String, AttributeValue> key(String scope, String key) {
        return Map.of(PK, AttributeValue.fromS("IDEMPOTENCY#" + scope + "#" + key), SK, AttributeValue.fromS("KEY"));
    }
}
