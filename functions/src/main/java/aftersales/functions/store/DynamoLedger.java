package aftersales.functions.store;

import static aftersales.functions.store.Table.LEDGER_KEY;
import static aftersales.functions.store.Table.LEDGER_SORT;
import static aftersales.functions.store.Table.PK;
import static aftersales.functions.store.Table.SK;

import aftersales.domain.Penalty;
import aftersales.domain.RefundInstruction;
import aftersales.functions.effects.Ledger;
import aftersales.functions.json.EffectJson;
import aftersales.functions.json.Json;
import aftersales.functions.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Refund instructions and penalties as items of the single table, written once each (conditional put). */
public final class DynamoLedger implements Ledger {

    private static final String REFUNDS = "REFUNDS";
    private static final String BODY = "body";

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoLedger(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public void recordRefund(RefundInstruction r) {
        putOnce("REFUND#" + r.id(), REFUNDS, r.at(), r.id(), EffectJson.refund(r));
    }

    @Override
    public void recordPenalty(Penalty p) {
        putOnce("PENALTY#" + p.id(), penaltiesOf(p.sellerId()), p.at(), p.id(), EffectJson.penalty(p));
    }

    public Optional<JsonValue> refund(String instructionId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(Map.of(
                PK, AttributeValue.fromS("REFUND#" + instructionId), SK, AttributeValue.fromS("ENTRY")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Json.parse(item.get(BODY).s()));
    }

    /** Refund instructions, oldest first: the payment system's reconciliation feed. */
    public Page<JsonValue> refunds(Optional<String> cursor, int limit) {
        return query(REFUNDS, cursor, limit);
    }

    public Page<JsonValue> penalties(String sellerId, Optional<String> cursor, int limit) {
        return query(penaltiesOf(sellerId), cursor, limit);
    }

    private static String penaltiesOf(String sellerId) {
        return "PENALTIES#" + sellerId;
    }

    private void putOnce(String pk, String ledgerKey, Instant at, String id, JsonValue body) {
        try {
            ddb.putItem(b -> b.tableName(table).item(Map.of(
                            PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS("ENTRY"),
                            LEDGER_KEY, AttributeValue.fromS(ledgerKey),
                            LEDGER_SORT, AttributeValue.fromS(SortableInstant.format(at) + "#" + id),
                            BODY, AttributeValue.fromS(Json.write(body))))
                    .conditionExpression("attribute_not_exists(" + PK + ")"));
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // recorded before: once is the point
        }
    }

    private Page<JsonValue> query(String ledgerKey, Optional<String> cursor, int limit) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(Table.LEDGER)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", LEDGER_KEY))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(ledgerKey)))
                .limit(limit);
        cursor.ifPresent(c -> q.exclusiveStartKey(Cursor.decode(c, Set.of(PK, SK, LEDGER_KEY, LEDGER_SORT), LEDGER_KEY, ledgerKey)));
        QueryResponse r = ddb.query(q.build());
        return new Page<>(r.items().stream().map(i -> Json.parse(i.get(BODY).s())).toList(),
                Cursor.encode(r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : Map.of()));
    }
}
