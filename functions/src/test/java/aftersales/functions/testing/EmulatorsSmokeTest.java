package aftersales.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Proves the emulators speak the real wire protocols through the production SDK clients, for exactly the
 * features the adapters rely on. If one of these fails, adapter tests on top of the emulators mean nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatorsSmokeTest {

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private final DynamoDbClient ddb = Dynalite.client();
    private final SqsClient sqs = ElasticMq.client();
    private String table;

    // ---- DynamoDB on dynalite ----

    @BeforeAll
    void createTable() {
        table = Dynalite.freshTableName("EmulatorsSmoke");
        ddb.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("gpk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("due").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("by-due")
                        .keySchema(
                                KeySchemaElement.builder().attributeName("gpk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("due").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()));
    }

    @Test
    void tableIsActiveWithTheGsi() {
        var description = ddb.describeTable(b -> b.tableName(table)).table();
        assertEquals("ACTIVE", description.tableStatusAsString());
        assertEquals(List.of("by-due"),
                description.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
    }

    @Test
    void conditionalPutRejectsTheSecondWrite() {
        Map<String, AttributeValue> first = Map.of("pk", s("dispute-cond"), "v", s("first"));
        Map<String, AttributeValue> second = Map.of("pk", s("dispute-cond"), "v", s("second"));

        ddb.putItem(b -> b.tableName(table).item(first).conditionExpression("attribute_not_exists(pk)"));
        assertThrows(ConditionalCheckFailedException.class, () ->
                ddb.putItem(b -> b.tableName(table).item(second).conditionExpression("attribute_not_exists(pk)")));

        var stored = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("dispute-cond")))
                .consistentRead(true)).item();
        assertEquals("first", stored.get("v").s());
    }

    @Test
    void updateSetsAndRemovesANestedMapEntry() {
        var key = Map.of("pk", s("dispute-nested"));
        ddb.putItem(b -> b.tableName(table).item(Map.of(
                "pk", s("dispute-nested"),
                "pending", AttributeValue.fromM(Map.of("keep", s("k"))))));

        var afterSet = ddb.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("SET pending.#id = :v")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#id", "cmd-42"))
                .expressionAttributeValues(Map.of(":v", s("queued")))
                .returnValues("ALL_NEW")).attributes();
        assertEquals(Map.of("keep", s("k"), "cmd-42", s("queued")), afterSet.get("pending").m());

        var afterRemove = ddb.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("REMOVE pending.#id")
                .expressionAttributeNames(Map.of("#id", "cmd-42"))
                .returnValues("ALL_NEW")).attributes();
        assertEquals(Map.of("keep", s("k")), afterRemove.get("pending").m());

        // like DynamoDB: a nested SET under a map that does not exist is a ValidationException
        var missingParent = assertThrows(DynamoDbException.class, () ->
                ddb.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("SET absent.#id = :v")
                        .expressionAttributeNames(Map.of("#id", "x"))
                        .expressionAttributeValues(Map.of(":v", s("y")))));
        assertEquals("ValidationException", missingParent.awsErrorDetails().errorCode());
    }

    @Test
    void queryOnTheGsiWithLessOrEqualOnTheSortKey() {
        long[] dues = {100, 200, 300, 400};
        for (int i = 0; i < dues.length; i++) {
            long due = dues[i];
            String pk = "due-" + i;
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "gpk", s("open"), "due", n(due))));
        }
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("other"), "gpk", s("closed"), "due", n(50))));

        var items = ddb.query(b -> b.tableName(table).indexName("by-due")
                .keyConditionExpression("gpk = :g AND #due <= :t")
                .expressionAttributeNames(Map.of("#due", "due"))
                .expressionAttributeValues(Map.of(":g", s("open"), ":t", n(300)))).items();

        assertEquals(List.of("100", "200", "300"), items.stream().map(i -> i.get("due").n()).toList());
        assertEquals(List.of("due-0", "due-1", "due-2"), items.stream().map(i -> i.get("pk").s()).toList());
    }

    // ---- SQS on ElasticMQ ----

    @Test
    void sendReceiveDelete() {
        String url = ElasticMq.createQueue(ElasticMq.freshQueueName("smoke"), Map.of());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));

        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1).visibilityTimeout(0)).messages();
        assertEquals(List.of("hello"), received.stream().map(Message::body).toList());

        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
        List<Message> afterDelete = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertTrue(afterDelete.isEmpty(), () -> "deleted message came back: " + afterDelete);
    }

    @Test
    void fifoDeduplicatesBySameDeduplicationId() {
        String name = ElasticMq.freshQueueName("smoke.fifo");
        assertTrue(name.endsWith(".fifo"), name);
        String url = ElasticMq.createQueue(name, Map.of());

        sqs.sendMessage(b -> b.queueUrl(url).messageBody("refund r-1")
                .messageGroupId("dispute-1").messageDeduplicationId("r-1"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("refund r-1 again")
                .messageGroupId("dispute-1").messageDeduplicationId("r-1"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("refund r-2")
                .messageGroupId("dispute-1").messageDeduplicationId("r-2"));

        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertEquals(List.of("refund r-1", "refund r-2"), received.stream().map(Message::body).toList());
    }

    @Test
    void redrivesToTheDeadLetterQueueAfterMaxReceiveCount() {
        int maxReceiveCount = 2;
        String dlq = ElasticMq.createQueue(ElasticMq.freshQueueName("smoke-dlq"), Map.of());
        String source = ElasticMq.createQueue(ElasticMq.freshQueueName("smoke-src"), Map.of(
                QueueAttributeName.REDRIVE_POLICY, ElasticMq.redrivePolicy(dlq, maxReceiveCount)));
        sqs.sendMessage(b -> b.queueUrl(source).messageBody("poison"));

        for (int receive = 1; receive <= maxReceiveCount; receive++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(source).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertEquals(1, got.size(), "receive #" + receive);
            assertEquals(String.valueOf(receive),
                    got.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        }

        List<Message> beyond = sqs.receiveMessage(b -> b.queueUrl(source).maxNumberOfMessages(10)
                .waitTimeSeconds(1).visibilityTimeout(0)).messages();
        assertTrue(beyond.isEmpty(), () -> "still delivered after maxReceiveCount: " + beyond);

        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertEquals(List.of("poison"), dead.stream().map(Message::body).toList());
        assertFalse(dead.get(0).receiptHandle().isBlank());
    }
}
