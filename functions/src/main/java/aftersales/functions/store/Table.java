package aftersales.functions.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single table: key and index attribute names, and its definition (the same one template.yaml declares;
 * a test compares them). Every index is sparse: an item carries an index's attributes only while it belongs there.
 */
public final class Table {

    public static final String PK = "pk";
    public static final String SK = "sk";

    /** A party's disputes, newest activity first: orders that have at least one dispute. */
    public static final String BY_BUYER = "byBuyer";
    public static final String BUYER_KEY = "buyerKey";
    public static final String BY_SELLER = "bySeller";
    public static final String SELLER_KEY = "sellerKey";
    public static final String ACTIVITY = "activityKey";

    /** Disputes escalated and not yet ruled, oldest first. */
    public static final String OPEN_CASES = "openCases";
    public static final String CASE_KEY = "caseKey";
    public static final String CASE_SORT = "caseSort";

    /** Orders with a deadline or an owed side effect, by the instant they need attention; sharded. */
    public static final String DUE = "due";
    public static final String DUE_SHARD = "dueShard";
    public static final String DUE_AT = "dueAt";
    public static final int DUE_SHARDS = 8;

    /** Refund instructions (for the payment system) and penalties (per seller), by time. */
    public static final String LEDGER = "ledger";
    public static final String LEDGER_KEY = "ledgerKey";
    public static final String LEDGER_SORT = "ledgerSort";

    private Table() {
    }

    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(PK), string(SK), string(BUYER_KEY), string(SELLER_KEY), string(ACTIVITY),
                        string(CASE_KEY), string(CASE_SORT), string(DUE_SHARD), string(DUE_AT),
                        string(LEDGER_KEY), string(LEDGER_SORT))
                .keySchema(hash(PK), range(SK))
                .globalSecondaryIndexes(
                        index(BY_BUYER, BUYER_KEY, ACTIVITY),
                        index(BY_SELLER, SELLER_KEY, ACTIVITY),
                        index(OPEN_CASES, CASE_KEY, CASE_SORT),
                        index(DUE, DUE_SHARD, DUE_AT),
                        index(LEDGER, LEDGER_KEY, LEDGER_SORT))
                .build();
    }

    /** Index names with their (hash, range) attributes, for checks against the template. */
    public static List<List<String>> indexes() {
        return definition("x").globalSecondaryIndexes().stream()
                .map(i -> List.of(i.indexName(), i.keySchema().get(0).attributeName(), i.keySchema().get(1).attributeName()))
                .toList();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash(hash), range(range))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
