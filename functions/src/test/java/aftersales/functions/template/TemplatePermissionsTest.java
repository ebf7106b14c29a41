package aftersales.functions.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked from the code's side: for each function, the SDK operations its code calls (declared
 * here, from the adapters in store/ and aws/) must be allowed on the resources they touch, and nothing else may be.
 */
class TemplatePermissionsTest {

    private final Template template = Template.load();

    /** An IAM action the code needs and a concrete resource it calls it on (rendered like Template.render). */
    record Need(String action, String resource) {
    }

    private static final String TABLE = "{DisputesTable.Arn}";
    private static final String SCHEDULE = "arn:{AWS::Partition}:scheduler:{AWS::Region}:{AWS::AccountId}:schedule/"
            + "{DeadlineScheduleGroup}/dl-0123456789abcdef0123456789abcdef01234567";

    /** DynamoOrderStore, DynamoLedger, IdempotencyStore: GetItem and Query (on the table and its indexes). */
    static List<Need> reads() {
        List<Need> needs = new ArrayList<>(List.of(new Need("dynamodb:GetItem", TABLE), new Need("dynamodb:Query", TABLE)));
        Table.indexes().forEach(i -> needs.add(new Need("dynamodb:Query", TABLE + "/index/" + i.get(0))));
        return needs;
    }

    /**
     * A writer runs commands and their effects (Wiring.fromEnvironment): the stores' PutItem/UpdateItem/DeleteItem,
     * SqsArbitrationQueue and SqsRefundQueue's SendMessage, EventBridgeDeadlineScheduler's CreateSchedule and
     * DeleteSchedule, and passing the scheduler role along with CreateSchedule.
     */
    static List<Need> writes() {
        List<Need> needs = new ArrayList<>(reads());
        needs.addAll(List.of(
                new Need("dynamodb:PutItem", TABLE),
                new Need("dynamodb:UpdateItem", TABLE),
                new Need("dynamodb:DeleteItem", TABLE),
                new Need("sqs:SendMessage", "{ArbitrationQueue.Arn}"),
                new Need("sqs:SendMessage", "{RefundQueue.Arn}"),
                new Need("scheduler:CreateSchedule", SCHEDULE),
                new Need("scheduler:DeleteSchedule", SCHEDULE),
                new Need("iam:PassRole", "{SchedulerRole.Arn}")));
        return needs;
    }

    /** Lambda's poller for the SQS event source (SQSPollerPolicy), on the one queue. */
    static List<Need> polling() {
        return List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes")
                .stream().map(a -> new Need(a, "{ArbitrationQueue.Arn}")).toList();
    }

    static final Map<String, List<Need>> NEEDS = Map.of(
            "QueryApiFunction", reads(),
            "CommandApiFunction", writes(),
            "DeadlineFunction", writes(),
            "SweeperFunction", writes(),
            "ArbitrationIntakeFunction", concat(writes(), polling()));

    @Test
    void everyFunctionIsCovered() {
        assertEquals(new TreeSet<>(NEEDS.keySet()), new TreeSet<>(template.functions().keySet()));
    }

    @Test
    void everyCallTheCodeMakesIsAllowed() {
        NEEDS.forEach((function, needs) -> {
            List<JsonNode> statements = statements(function);
            for (Need need : needs) {
                assertTrue(allows(statements, need), function + " may not " + need.action() + " on " + need.resource());
            }
        });
    }

    @Test
    void nothingBeyondWhatTheCodeCallsIsAllowed() {
        NEEDS.forEach((function, needs) -> {
            for (JsonNode s : statements(function)) {
                assertEquals("Allow", s.path("Effect").asText(), function + ": only Allow statements expected");
                assertTrue(s.path("NotAction").isMissingNode() && s.path("NotResource").isMissingNode(), function);
                for (String action : Template.renderAll(s.path("Action"))) {
                    assertFalse(action.contains("*"), function + " has a wildcard action " + action);
                    for (String resource : Template.renderAll(s.path("Resource"))) {
                        assertFalse(resource.equals("*"), function + " has Resource *");
                        assertScopedToThisStack(function, resource);
                        // every (action, resource) a statement grants is one the code uses
                        assertTrue(needs.stream().anyMatch(n -> n.action().equalsIgnoreCase(action)
                                        && matches(n.resource(), resource)),
                                function + " may " + action + " on " + resource + ", which its code never does");
                    }
                }
            }
        });
    }

    private static final Pattern OWN_RESOURCE = Pattern.compile("\\{([A-Za-z0-9]+)(\\.[A-Za-z]+)?}");

    /** A grant names one of this template's resources before any wildcard: "schedule/*" or "table/*" would not. */
    private void assertScopedToThisStack(String function, String resource) {
        int star = resource.indexOf('*');
        var m = OWN_RESOURCE.matcher(star < 0 ? resource : resource.substring(0, star));
        boolean scoped = false;
        while (m.find()) {
            scoped |= template.root().path("Resources").has(m.group(1));
        }
        assertTrue(scoped, function + " is granted " + resource + ", not scoped to a resource of this stack");
    }

    @Test
    void theQueryFunctionOnlyReads() {
        for (JsonNode s : statements("QueryApiFunction")) {
            for (String action : Template.renderAll(s.path("Action"))) {
                assertTrue(Set.of("dynamodb:getitem", "dynamodb:query").contains(action.toLowerCase(Locale.ROOT)),
                        "the read-only function may " + action);
            }
        }
    }

    @Test
    void noFunctionMayScan() {
        for (String function : NEEDS.keySet()) {
            for (JsonNode s : statements(function)) {
                for (String action : Template.renderAll(s.path("Action"))) {
                    assertFalse(matches("dynamodb:Scan", action), function + " may Scan (" + action + ")");
                }
            }
        }
    }

    @Test
    void passRoleIsOnlyForTheSchedulerRoleAndOnlyToScheduler() {
        int found = 0;
        for (String function : NEEDS.keySet()) {
            for (JsonNode s : statements(function)) {
                if (Template.renderAll(s.path("Action")).stream().anyMatch(a -> matches("iam:PassRole", a))) {
                    found++;
                    assertEquals(List.of("{SchedulerRole.Arn}"), Template.renderAll(s.path("Resource")), function);
                    assertEquals("scheduler.amazonaws.com", s.path("Condition").path("StringEquals")
                            .path("iam:PassedToService").asText(), function + ": PassRole without iam:PassedToService");
                }
            }
        }
        assertTrue(found > 0, "the writers need iam:PassRole for CreateSchedule");
    }

    // ---- reading the template's policies ----

    /** A function's statements: inline documents, referenced customer-managed policies, and known SAM templates. */
    private List<JsonNode> statements(String function) {
        assertTrue(template.properties(function).path("Role").isMissingNode(), function + ": expected SAM's own role");
        List<JsonNode> out = new ArrayList<>();
        JsonNode policies = template.properties(function).path("Policies");
        for (JsonNode p : policies.isArray() ? policies : List.of(policies)) {
            if (p.isTextual()) {
                throw new AssertionError(function + " attaches managed policy " + p.asText() + ": use explicit statements");
            } else if (p.has("Statement")) {
                p.path("Statement").forEach(out::add);
            } else if (p.has("Ref")) {
                JsonNode managed = template.resource(p.path("Ref").asText());
                assertEquals("AWS::IAM::ManagedPolicy", managed.path("Type").asText(), function + " policy " + p);
                managed.path("Properties").path("PolicyDocument").path("Statement").forEach(out::add);
            } else if (p.has("SQSPollerPolicy")) {
                // SAM's template: these four actions on arn:...:sqs:region:account:QueueName
                String queue = Template.render(p.path("SQSPollerPolicy").path("QueueName"));
                assertEquals("{ArbitrationQueue.QueueName}", queue, function + ": SQSPollerPolicy on another queue");
                out.add(Template.statement(polling().stream().map(Need::action).toList(), "{ArbitrationQueue.Arn}"));
            } else {
                throw new AssertionError(function + ": the test does not know policy " + p + "; teach it");
            }
        }
        return out;
    }

    private static boolean allows(List<JsonNode> statements, Need need) {
        return statements.stream().anyMatch(s -> "Allow".equals(s.path("Effect").asText())
                && Template.renderAll(s.path("Action")).stream().anyMatch(a -> matches(need.action(), a))
                && Template.renderAll(s.path("Resource")).stream().anyMatch(r -> matches(need.resource(), r)));
    }

    /** IAM's matching: {@code *} any run of characters, {@code ?} one; actions are case-insensitive. */
    static boolean matches(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    @Test
    void broadGrantsAreNotScoped() {
        String all = "arn:{AWS::Partition}:scheduler:{AWS::Region}:{AWS::AccountId}:schedule/*";
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertScopedToThisStack("f", all));
        assertScopedToThisStack("f", "arn:{AWS::Partition}:scheduler:{AWS::Region}:{AWS::AccountId}:schedule/"
                + "{DeadlineScheduleGroup}/*");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertScopedToThisStack("f", "{NoSuchTable.Arn}/index/*"));
    }

    @Test
    void theMatcherIsIamLike() {
        assertTrue(matches("dynamodb:GetItem", "dynamodb:*"));
        assertTrue(matches(TABLE + "/index/due", TABLE + "/index/*"));
        assertFalse(matches(TABLE + "/index/due", TABLE));
        assertTrue(matches(SCHEDULE, "arn:{AWS::Partition}:scheduler:{AWS::Region}:{AWS::AccountId}:schedule/"
                + "{DeadlineScheduleGroup}/*"));
        assertFalse(matches(SCHEDULE, "arn:{AWS::Partition}:scheduler:{AWS::Region}:{AWS::AccountId}:schedule/default/*"));
    }

    private static List<Need> concat(List<Need> a, List<Need> b) {
        List<Need> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
