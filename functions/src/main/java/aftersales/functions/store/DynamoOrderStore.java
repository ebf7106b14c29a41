package aftersales.functions.store;

import static aftersales.functions.store.Table.ACTIVITY;
import static aftersales.functions.store.Table.BUYER_KEY;
import static aftersales.functions.store.Table.CASE_KEY;
import static aftersales.functions.store.Table.CASE_SORT;
import static aftersales.functions.store.Table.DUE_AT;
import static aftersales.functions.store.Table.DUE_SHARD;
import static aftersales.functions.store.Table.PK;
import static aftersales.functions.store.Table.SELLER_KEY;
import static aftersales.functions.store.Table.SK;

import aftersales.domain.Deadline;
import aftersales.domain.Dispute;
import aftersales.domain.DisputeState;
import aftersales.domain.Effect;
import aftersales.domain.Order;
import aftersales.domain.Role;
import aftersales.functions.json.EffectJson;
import aftersales.functions.json.Json;
import aftersales.functions.json.OrderJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Orders in the single table: one item per order holding the whole aggregate, so a command is one GetItem and
 * one conditional UpdateItem. The owed side effects go into the same write (the {@code pending} map) and are
 * removed one by one when done; index attributes are derived from the order on every write.
 */
public final class DynamoOrderStore {

    /** Effects get this long to be done inline before the sweeper takes them as left behind. */
    public static final Duration EFFECT_GRACE = Duration.ofMinutes(2);
    /**
     * An order item must stay under DynamoDB's 400 KB. Callers may grow the stored order (evidence, texts,
     * modifications) up to this many bytes; the rest is kept for what the system itself records (deadlines
     * acting, cases opening, rulings), so a deadline can always be written.
     */
    public static final int CALLER_BYTES = 300_000;
    public static final int SYSTEM_BYTES = 380_000;
    /** An escalation whose case is not open this long after is sent to the arbitration queue again. */
    public static final Duration INTAKE_GRACE = Duration.ofMinutes(15);

    private static final String ORDER_SK = "ORDER";
    private static final String PENDING = "pending";
    private static final String VERSION = "version";
    private static final String BODY = "body";
    private static final String OPEN = "OPEN";

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoOrderStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public String tableName() {
        return table;
    }

    public Optional<StoredOrder> load(String orderId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(orderId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decode(item));
    }

    /** Stores a newly registered order; false if one with this id exists. */
    public boolean create(Order order, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.id()));
        item.put(VERSION, AttributeValue.fromN("1"));
        item.put(BODY, AttributeValue.fromS(Json.write(OrderJson.write(order))));
        item.put(PENDING, AttributeValue.fromM(Map.of()));
        indexAttributes(order, false, now).forEach((k, v) -> v.ifPresent(value -> item.put(k, value)));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(" + PK + ")"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Writes the order's next value and the effects it owes, if nobody wrote since {@code previous} was read.
     *
     * @throws ConcurrentChange when the version moved on
     */
    public StoredOrder save(StoredOrder previous, Order next, List<Effect> owed, Instant now) {
        return save(previous, next, owed, now, SYSTEM_BYTES);
    }

    /**
     * As {@link #save(StoredOrder, Order, List, Instant)}, refusing to store an order whose body is over
     * {@code maxBodyBytes} (UTF-8).
     *
     * @throws RecordFull when it is
     */
    public StoredOrder save(StoredOrder previous, Order next, List<Effect> owed, Instant now, int maxBodyBytes) {
        String body = Json.write(OrderJson.write(next));
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBodyBytes) {
            throw new RecordFull(next.id());
        }
        long version = previous.version() + 1;
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        names.put("#v", VERSION);
        values.put(":v0", AttributeValue.fromN(Long.toString(previous.version())));
        values.put(":v1", AttributeValue.fromN(Long.toString(version)));
        set.add("#v = :v1");
        names.put("#b", BODY);
        values.put(":b", AttributeValue.fromS(body));
        set.add("#b = :b");
        Map<String, Effect> pending = new LinkedHashMap<>(previous.pending());
        int i = 0;
        for (Effect e : owed) {
            names.put("#p", PENDING);
            names.put("#e" + i, e.id());
            values.put(":e" + i, AttributeValue.fromS(Json.write(EffectJson.write(e))));
            set.add("#p.#e" + i + " = :e" + i);
            pending.put(e.id(), e);
            i++;
        }
        int a = 0;
        for (var attr : indexAttributes(next, !pending.isEmpty(), now).entrySet()) {
            names.put("#i" + a, attr.getKey());
            if (attr.getValue().isPresent()) {
                values.put(":i" + a, attr.getValue().get());
                set.add("#i" + a + " = :i" + a);
            } else {
                remove.add("#i" + a);
            }
            a++;
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(next.id())).updateExpression(update)
                    .conditionExpression("#v = :v0").expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChange(next.id());
        }
        return new StoredOrder(next, version, pending,
                indexAttributes(next, !pending.isEmpty(), now).get(DUE_AT).map(AttributeValue::s));
    }

    /**
     * Removes done effects from the outbox. When that empties it, the due index moves on to the order's next
     * deadline in the same write, conditioned on the version still being {@code current}'s (a newer write has
     * derived the index itself); otherwise only the done entries go, which needs no version: a command never
     * writes them.
     */
    public void markDone(StoredOrder current, Collection<String> done, Instant now) {
        if (done.isEmpty()) {
            return;
        }
        Map<String, String> doneNames = new HashMap<>();
        doneNames.put("#p", PENDING);
        List<String> paths = new ArrayList<>();
        int i = 0;
        for (String id : done) {
            doneNames.put("#e" + i, id);
            paths.add("#p.#e" + i);
            i++;
        }
        String orderId = current.order().id();
        if (done.containsAll(current.pending().keySet())) {
            Map<String, String> names = new HashMap<>(doneNames);
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> set = new ArrayList<>();
            List<String> remove = new ArrayList<>(paths);
            Map<String, Optional<AttributeValue>> index = indexAttributes(current.order(), false, now);
            for (String attr : List.of(DUE_SHARD, DUE_AT)) {
                names.put("#" + attr, attr);
                index.get(attr).ifPresentOrElse(v -> {
                    values.put(":" + attr, v);
                    set.add("#" + attr + " = :" + attr);
                }, () -> remove.add("#" + attr));
            }
            names.put("#v", VERSION);
            values.put(":v", AttributeValue.fromN(Long.toString(current.version())));
            String update = (set.isEmpty() ? "" : "SET " + String.join(", ", set) + " ") + "REMOVE " + String.join(", ", remove);
            try {
                ddb.updateItem(b -> b.tableName(table).key(key(orderId)).updateExpression(update)
                        .conditionExpression("#v = :v").expressionAttributeNames(names).expressionAttributeValues(values));
                return;
            } catch (ConditionalCheckFailedException newerWrite) {
                // a newer write derived the due index from its own state; just take our done entries out
            }
        }
        ddb.updateItem(b -> b.tableName(table).key(key(orderId)).updateExpression("REMOVE " + String.join(", ", paths))
                .conditionExpression("attribute_exists(" + PK + ")").expressionAttributeNames(doneNames));
    }

    /**
     * Whether the due index holds another instant for this order than its state gives, with nothing owed: left
     * so by effects marked done under a newer write. Such an entry would come back to the sweeper forever.
     */
    public boolean dueIndexStale(StoredOrder stored, Instant now) {
        Optional<String> expected = indexAttributes(stored.order(), false, now).get(DUE_AT).map(AttributeValue::s);
        return stored.pending().isEmpty() && !expected.equals(stored.dueAt());
    }

    /** Orders that a party has disputes on, most recent activity first. */
    public Page<Order> disputesOf(Role party, String partyId, Optional<String> cursor, int limit) {
        String index = party == Role.BUYER ? Table.BY_BUYER : Table.BY_SELLER;
        String hash = party == Role.BUYER ? BUYER_KEY : SELLER_KEY;
        return query(index, hash, partyId, Set.of(PK, SK, hash, ACTIVITY), cursor, limit, false);
    }

    /** Escalated disputes not yet ruled, oldest escalation first. */
    public Page<Order> openCases(Optional<String> cursor, int limit) {
        return query(Table.OPEN_CASES, CASE_KEY, OPEN, Set.of(PK, SK, CASE_KEY, CASE_SORT), cursor, limit, true);
    }

    /** Ids of orders in one shard of the due index that need attention at or before {@code upTo}. */
    public List<String> dueOrderIds(int shard, Instant upTo, int limit) {
        QueryResponse r = ddb.query(QueryRequest.builder().tableName(table).indexName(Table.DUE)
                .keyConditionExpression("#s = :s AND #d <= :t")
                .expressionAttributeNames(Map.of("#s", DUE_SHARD, "#d", DUE_AT))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shardKey(shard)),
                        ":t", AttributeValue.fromS(SortableInstant.format(upTo))))
                .limit(limit).build());
        return r.items().stream().map(item -> item.get(PK).s().substring("ORDER#".length())).toList();
    }

    private Page<Order> query(String index, String hashAttr, String hashValue, Set<String> keyAttrs,
                              Optional<String> cursor, int limit, boolean ascending) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#h = :h")
                .expressionAttributeNames(Map.of("#h", hashAttr))
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hashValue)))
                .scanIndexForward(ascending)
                .limit(limit);
        cursor.ifPresent(c -> q.exclusiveStartKey(Cursor.decode(c, keyAttrs, hashAttr, hashValue)));
        QueryResponse r = ddb.query(q.build());
        List<Order> orders = r.items().stream().map(item -> decode(item).order()).toList();
        Map<String, AttributeValue> last = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : Map.of();
        return new Page<>(orders, Cursor.encode(last));
    }

    private static Map<String, AttributeValue> key(String orderId) {
        return Map.of(PK, AttributeValue.fromS("ORDER#" + orderId), SK, AttributeValue.fromS(ORDER_SK));
    }

    static String shardKey(int shard) {
        return "DUE#" + shard;
    }

    static int shardOf(String orderId) {
        return Math.floorMod(orderId.hashCode(), Table.DUE_SHARDS);
    }

    /** Every index attribute of an order item: present with a value, or absent (to be removed). */
    static Map<String, Optional<AttributeValue>> indexAttributes(Order order, boolean effectsOwed, Instant now) {
        Map<String, Optional<AttributeValue>> attrs = new LinkedHashMap<>();
        boolean disputed = !order.disputes().isEmpty();
        Optional<Dispute> latest = disputed ? Optional.of(order.disputes().getLast()) : Optional.empty();
        Optional<AttributeValue> activity = latest.map(d -> AttributeValue.fromS(
                SortableInstant.format(lastActivity(d)) + "#" + order.id()));
        attrs.put(BUYER_KEY, latest.map(d -> AttributeValue.fromS(order.buyerId())));
        attrs.put(SELLER_KEY, latest.map(d -> AttributeValue.fromS(order.sellerId())));
        attrs.put(ACTIVITY, activity);
        Optional<Instant> escalatedAt = latest.flatMap(d -> switch (d.state()) {
            case DisputeState.Escalated e -> Optional.of(e.at());
            case DisputeState.InArbitration a -> Optional.of(a.escalatedAt());
            case DisputeState.AwaitingSeller s -> Optional.<Instant>empty();
            case DisputeState.AwaitingBuyer b -> Optional.<Instant>empty();
            case DisputeState.Resolved r -> Optional.<Instant>empty();
        });
        attrs.put(CASE_KEY, escalatedAt.map(at -> AttributeValue.fromS(OPEN)));
        attrs.put(CASE_SORT, escalatedAt.map(at -> AttributeValue.fromS(SortableInstant.format(at) + "#" + latest.get().id())));
        Optional<Instant> due = Stream.of(
                        order.disputes().stream().flatMap(d -> d.openDeadlines().stream()).map(Deadline::at),
                        effectsOwed ? Stream.of(now.plus(EFFECT_GRACE)) : Stream.<Instant>empty(),
                        // an escalation is looked at again if its case has not opened by then
                        latest.filter(d -> d.state() instanceof DisputeState.Escalated).stream()
                                .map(d -> ((DisputeState.Escalated) d.state()).at().plus(INTAKE_GRACE)))
                .flatMap(s -> s)
                .min(Instant::compareTo);
        attrs.put(DUE_SHARD, due.map(d -> AttributeValue.fromS(shardKey(shardOf(order.id())))));
        attrs.put(DUE_AT, due.map(d -> AttributeValue.fromS(SortableInstant.format(d))));
        return attrs;
    }

    private static Instant lastActivity(Dispute d) {
        return d.history().getLast().at();
    }

    private static StoredOrder decode(Map<String, AttributeValue> item) {
        Order order = OrderJson.read(Json.parse(item.get(BODY).s()));
        Map<String, Effect> pending = new LinkedHashMap<>();
        AttributeValue p = item.get(PENDING);
        if (p != null && p.hasM()) {
            p.m().forEach((id, v) -> pending.put(id, EffectJson.read(Json.parse(v.s()))));
        }
        return new StoredOrder(order, Long.parseLong(item.get(VERSION).n()), pending,
                Optional.ofNullable(item.get(DUE_AT)).map(AttributeValue::s));
    }
}
