package aftersales.functions.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.store.IdempotencyStore;
import aftersales.functions.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** The table, queues, log groups and Scheduler resources in template.yaml, against what the code expects. */
class TemplateResourcesTest {

    private final Template template = Template.load();

    // ---- the table ----

    @Test
    void theTableIsTheOneTheCodeDefines() {
        CreateTableRequest code = Table.definition("x");
        JsonNode t = template.properties("DisputesTable");
        assertEquals(code.billingModeAsString(), t.path("BillingMode").asText());

        Set<String> attributes = new TreeSet<>();
        code.attributeDefinitions().forEach(a -> attributes.add(a.attributeName() + ":" + a.attributeTypeAsString()));
        Set<String> declared = new TreeSet<>();
        t.path("AttributeDefinitions").forEach(a -> declared.add(a.path("AttributeName").asText() + ":"
                + a.path("AttributeType").asText()));
        assertEquals(attributes, declared, "AttributeDefinitions");

        assertEquals(keys(code.keySchema()), keys(t.path("KeySchema")), "KeySchema");

        Set<String> indexes = new TreeSet<>();
        code.globalSecondaryIndexes().forEach(i -> indexes.add(i.indexName() + " " + keys(i.keySchema()) + " "
                + i.projection().projectionTypeAsString()));
        Set<String> declaredIndexes = new TreeSet<>();
        t.path("GlobalSecondaryIndexes").forEach(i -> declaredIndexes.add(i.path("IndexName").asText() + " "
                + keys(i.path("KeySchema")) + " " + i.path("Projection").path("ProjectionType").asText()));
        assertEquals(indexes, declaredIndexes, "GlobalSecondaryIndexes");
        assertTrue(t.path("LocalSecondaryIndexes").isMissingNode(), "the code defines no LSI");
    }

    @Test
    void theTableExpiresIdempotencyRecords() {
        JsonNode ttl = template.properties("DisputesTable").path("TimeToLiveSpecification");
        assertEquals(IdempotencyStore.TTL_ATTRIBUTE, ttl.path("AttributeName").asText());
        assertTrue(ttl.path("Enabled").asBoolean());
    }

    @Test
    void theTableIsProtected() {
        JsonNode r = template.resource("DisputesTable");
        JsonNode t = r.path("Properties");
        assertEquals("Retain", r.path("DeletionPolicy").asText());
        assertEquals("Retain", r.path("UpdateReplacePolicy").asText());
        assertTrue(t.path("DeletionProtectionEnabled").asBoolean(), "deletion protection");
        assertTrue(t.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(), "PITR");
        assertTrue(t.path("SSESpecification").path("SSEEnabled").asBoolean(), "encryption");
    }

    // ---- queues ----

    @Test
    void everyQueueIsEncryptedAndWorkQueuesHaveRedrive() {
        Map<String, JsonNode> queues = template.resourcesOfType("AWS::SQS::Queue");
        assertEquals(new TreeSet<>(Set.of("ArbitrationQueue", "ArbitrationDLQ", "RefundQueue", "RefundDLQ", "DeadlineDLQ")),
                new TreeSet<>(queues.keySet()));
        queues.forEach((name, q) -> assertTrue(q.path("Properties").path("SqsManagedSseEnabled").asBoolean(),
                name + " is not encrypted"));
        assertRedrive("ArbitrationQueue", "ArbitrationDLQ");
        assertRedrive("RefundQueue", "RefundDLQ");
    }

    @Test
    void theArbitrationQueueOutlastsSixIntakeTimeouts() {
        int timeout = template.functionProperty("ArbitrationIntakeFunction", "Timeout").asInt();
        int visibility = template.properties("ArbitrationQueue").path("VisibilityTimeout").asInt();
        assertTrue(timeout > 0 && visibility >= 6 * timeout,
                "VisibilityTimeout " + visibility + " < 6 x function timeout " + timeout);
    }

    @Test
    void refundInstructionsGoToAFifoQueueDeduplicatedByTheCode() {
        for (String name : List.of("RefundQueue", "RefundDLQ")) {
            JsonNode q = template.properties(name);
            assertTrue(q.path("FifoQueue").asBoolean(), name + " must be FIFO");
            // SqsRefundQueue sends its own MessageDeduplicationId (the instruction id)
            assertFalse(q.path("ContentBasedDeduplication").asBoolean(true), name + ": ContentBasedDeduplication false");
            if (!q.path("QueueName").isMissingNode()) {
                assertTrue(Template.render(q.path("QueueName")).endsWith(".fifo"), name + " name must end in .fifo");
            }
        }
        assertFalse(template.properties("ArbitrationQueue").path("FifoQueue").asBoolean(false));
        assertFalse(template.properties("DeadlineDLQ").path("FifoQueue").asBoolean(false),
                "Scheduler dead-letters to a standard queue");
    }

    // ---- logs ----

    @Test
    void everyFunctionLogsToItsOwnRetainedLogGroup() {
        for (String function : template.functions().keySet()) {
            JsonNode name = template.properties(function).path("FunctionName");
            assertFalse(name.isMissingNode(), function + " needs an explicit FunctionName");
            String rendered = Template.render(name);
            assertTrue(rendered.startsWith("{AWS::StackName}-"), function + " name " + rendered);
            String ref = Template.render(template.properties(function).path("LoggingConfig").path("LogGroup"));
            String group = ref.substring(1, ref.length() - 1);
            JsonNode lg = template.resource(group);
            assertEquals("AWS::Logs::LogGroup", lg.path("Type").asText(), function + " LoggingConfig.LogGroup");
            assertEquals("/aws/lambda/" + rendered, Template.render(lg.path("Properties").path("LogGroupName")), function);
            assertEquals("{LogRetentionDays}", Template.render(lg.path("Properties").path("RetentionInDays")), function);
        }
        assertEquals("30", template.root().path("Parameters").path("LogRetentionDays").path("Default").asText());
    }

    // ---- Scheduler ----

    @Test
    void theSchedulerRoleCanOnlyBeAssumedByThisAccountsScheduler() {
        JsonNode trust = template.properties("SchedulerRole").path("AssumeRolePolicyDocument").path("Statement");
        assertEquals(1, trust.size());
        JsonNode s = trust.get(0);
        assertEquals("scheduler.amazonaws.com", s.path("Principal").path("Service").asText());
        assertEquals("{AWS::AccountId}", Template.render(s.path("Condition").path("StringEquals").path("aws:SourceAccount")));
    }

    @Test
    void theSchedulerRoleInvokesTheDeadlineAliasAndDeadLetters() {
        String target = Template.render(template.properties("CommandApiFunction").path("Environment").path("Variables")
                .path("DEADLINE_TARGET_ARN"));
        List<String> grants = new ArrayList<>();
        template.properties("SchedulerRole").path("Policies").forEach(p -> p.path("PolicyDocument").path("Statement")
                .forEach(s -> Template.renderAll(s.path("Action")).forEach(a -> Template.renderAll(s.path("Resource"))
                        .forEach(r -> grants.add(s.path("Effect").asText() + " " + a + " " + r)))));
        assertEquals(new TreeSet<>(List.of("Allow lambda:InvokeFunction " + target,
                        "Allow sqs:SendMessage {DeadlineDLQ.Arn}")), new TreeSet<>(grants));
        assertTrue(target.endsWith(":live"), "schedules target the published alias, not $LATEST");
    }

    @Test
    void outputsNameWhatOperatorsNeed() {
        Set<String> outputs = new TreeSet<>();
        template.root().path("Outputs").properties().forEach(e -> outputs.add(e.getKey()));
        assertTrue(outputs.containsAll(Set.of("ApiUrl", "TableName", "ArbitrationQueueUrl", "RefundQueueUrl",
                "ScheduleGroupName", "DeadlineFunctionAlias")), "outputs: " + outputs);
        assertEquals("{DeadlineScheduleGroup}",
                Template.render(template.root().path("Outputs").path("ScheduleGroupName").path("Value")));
    }

    private void assertRedrive(String queue, String dlq) {
        JsonNode redrive = template.properties(queue).path("RedrivePolicy");
        assertEquals("{" + dlq + ".Arn}", Template.render(redrive.path("deadLetterTargetArn")), queue);
        assertEquals(5, redrive.path("maxReceiveCount").asInt(), queue + " maxReceiveCount");
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }

    private static List<String> keys(JsonNode schema) {
        List<String> out = new ArrayList<>();
        schema.forEach(k -> out.add(k.path("AttributeName").asText() + ":" + k.path("KeyType").asText()));
        return out;
    }
}
