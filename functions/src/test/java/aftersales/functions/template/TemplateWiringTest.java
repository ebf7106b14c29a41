package aftersales.functions.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.aws.Config;
import aftersales.functions.handlers.ArbitrationIntakeHandler;
import aftersales.functions.handlers.CommandApiHandler;
import aftersales.functions.handlers.DeadlineHandler;
import aftersales.functions.handlers.QueryApiHandler;
import aftersales.functions.handlers.SweeperHandler;
import aftersales.functions.http.Api;
import aftersales.functions.http.CommandRoutes;
import aftersales.functions.http.QueryRoutes;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the code needs from the template: handlers that the Java runtime can load, the environment each handler
 * reads, and the HTTP API routes the command and query functions answer.
 */
class TemplateWiringTest {

    private final Template template = Template.load();

    private static final String QUERY = "QueryApiFunction";
    private static final String COMMAND = "CommandApiFunction";
    private static final String DEADLINE = "DeadlineFunction";

    /** Every function in the template and the handler class it must run. */
    private static final Map<String, Class<?>> HANDLERS = Map.of(
            COMMAND, CommandApiHandler.class,
            QUERY, QueryApiHandler.class,
            DEADLINE, DeadlineHandler.class,
            "ArbitrationIntakeFunction", ArbitrationIntakeHandler.class,
            "SweeperFunction", SweeperHandler.class);

    /** Set by Lambda itself: reserved, a template must not set it. */
    private static final Set<String> LAMBDA_PROVIDED = Set.of(Config.AWS_REGION);
    /** Only outside AWS (tests, local runtime). */
    private static final Set<String> LOCAL_ONLY = Set.of(Config.AWS_ENDPOINT_URL);

    /** What a writing function reads: every name in Config but those Lambda sets and the local-only ones. */
    static Set<String> writerVariables() {
        Set<String> names = new HashSet<>();
        for (Field f : Config.class.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        names.removeAll(LAMBDA_PROVIDED);
        names.removeAll(LOCAL_ONLY);
        return names;
    }

    /** QueryApiHandler builds only the table's client (Wiring.queryApiFromEnvironment); the others the whole Wiring. */
    static Set<String> variablesNeededBy(String function) {
        return QUERY.equals(function) ? Set.of(Config.TABLE_NAME, Config.DISPUTE_POLICY) : writerVariables();
    }

    @Test
    void theTemplateHasExactlyTheFunctionsThatHaveHandlers() {
        assertEquals(new TreeSet<>(HANDLERS.keySet()), new TreeSet<>(template.functions().keySet()));
    }

    @Test
    void everyHandlerResolvesToALoadableLambdaHandler() throws Exception {
        for (var e : HANDLERS.entrySet()) {
            String handler = Template.render(template.functionProperty(e.getKey(), "Handler"));
            String[] parts = handler.split("::");
            assertEquals(2, parts.length, e.getKey() + ": Handler must be class::method, was " + handler);
            // loaded without initialising: the no-arg constructors read the environment
            Class<?> type = Class.forName(parts[0], false, getClass().getClassLoader());
            assertEquals(e.getValue(), type, e.getKey());
            assertTrue(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()),
                    handler + " must be a public concrete class");
            assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), handler + " needs a public no-arg constructor");
            boolean typed = RequestHandler.class.isAssignableFrom(type);
            boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
            assertTrue(typed || stream, handler + " must implement RequestHandler or RequestStreamHandler");
            Set<Method> methods = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(parts[1]) && !m.isBridge() && !m.isSynthetic())
                    .collect(Collectors.toSet());
            int arity = stream ? 3 : 2;
            assertTrue(methods.stream().anyMatch(m -> m.getParameterCount() == arity),
                    handler + ": no public " + parts[1] + " taking " + arity + " parameters");
        }
    }

    @Test
    void everyFunctionHasEachVariableItsHandlerReads() {
        for (String function : HANDLERS.keySet()) {
            Map<String, JsonNode> env = template.environment(function);
            Set<String> missing = new TreeSet<>(variablesNeededBy(function));
            missing.removeAll(env.keySet());
            assertTrue(missing.isEmpty(), function + " lacks environment variables " + missing);
        }
    }

    @Test
    void noFunctionSetsReservedOrLocalOnlyVariables() {
        for (String function : HANDLERS.keySet()) {
            Set<String> env = template.environment(function).keySet();
            for (String name : LAMBDA_PROVIDED) {
                assertFalse(env.contains(name), function + " sets " + name + ", which Lambda reserves");
            }
            for (String name : LOCAL_ONLY) {
                assertFalse(env.contains(name), function + " sets " + name + ", which is for emulators only");
            }
        }
    }

    @Test
    void theQueryFunctionIsNotToldAboutQueuesOrSchedules() {
        Set<String> extra = new TreeSet<>(template.environment(QUERY).keySet());
        extra.retainAll(writerVariables());
        extra.removeAll(variablesNeededBy(QUERY));
        assertTrue(extra.isEmpty(), "the read-only function gets " + extra);
    }

    @Test
    void variablesPointAtTheRightResources() {
        String deadlineName = Template.render(template.properties(DEADLINE).path("FunctionName"));
        String alias = Template.render(template.functionProperty(DEADLINE, "AutoPublishAlias"));
        Map<String, String> expected = Map.of(
                Config.TABLE_NAME, "{DisputesTable}",
                Config.ARBITRATION_QUEUE_URL, "{ArbitrationQueue}",
                Config.REFUND_QUEUE_URL, "{RefundQueue}",
                Config.SCHEDULE_GROUP, "{DeadlineScheduleGroup}",
                Config.SCHEDULER_ROLE_ARN, "{SchedulerRole.Arn}",
                Config.DEADLINE_DLQ_ARN, "{DeadlineDLQ.Arn}",
                Config.DISPUTE_POLICY, "{DisputePolicy}",
                Config.DEADLINE_TARGET_ARN, "arn:{AWS::Partition}:lambda:{AWS::Region}:{AWS::AccountId}:function:"
                        + deadlineName + ":" + alias);
        assertEquals(writerVariables(), expected.keySet(), "a Config variable without an expected value here");
        for (String function : HANDLERS.keySet()) {
            Map<String, JsonNode> env = template.environment(function);
            for (String name : variablesNeededBy(function)) {
                assertEquals(expected.get(name), Template.render(env.get(name)), function + " " + name);
            }
        }
        assertEquals(expected.get(Config.DEADLINE_TARGET_ARN),
                Template.render(template.root().path("Outputs").path("DeadlineFunctionAlias").path("Value")));
    }

    @Test
    void theCommandFunctionServesExactlyTheCommandRoutes() {
        Set<String> routes = new CommandRoutes(null).commands(new Api(null, InstantSource.system())).routeKeys();
        assertFalse(routes.isEmpty());
        assertTrue(routes.stream().allMatch(r -> r.startsWith("POST ")), "command routes are POSTs");
        assertEquals(new TreeSet<>(routes), httpApiRoutes(COMMAND));
    }

    @Test
    void theQueryFunctionServesExactlyTheQueryRoutes() {
        Set<String> routes = new QueryRoutes(null, null, null, null).queries(new Api(null, InstantSource.system()))
                .routeKeys();
        assertFalse(routes.isEmpty());
        assertTrue(routes.stream().allMatch(r -> r.startsWith("GET ")), "query routes are GETs");
        assertEquals(new TreeSet<>(routes), httpApiRoutes(QUERY));
    }

    @Test
    void onlyTheApiFunctionsHaveRoutes() {
        for (String function : HANDLERS.keySet()) {
            if (!function.equals(COMMAND) && !function.equals(QUERY)) {
                assertTrue(template.events(function, "HttpApi").isEmpty(), function + " has HTTP routes");
            }
        }
    }

    @Test
    void everyRouteIsBehindTheJwtAuthorizer() {
        JsonNode auth = template.properties("HttpApi").path("Auth");
        String name = auth.path("DefaultAuthorizer").asText();
        assertFalse(name.isEmpty(), "the HTTP API needs a default authorizer");
        JsonNode authorizer = auth.path("Authorizers").path(name);
        assertEquals("$request.header.Authorization", authorizer.path("IdentitySource").asText());
        assertEquals("{JwtIssuer}", Template.render(authorizer.path("JwtConfiguration").path("issuer")));
        assertEquals("{JwtAudience}", Template.render(authorizer.path("JwtConfiguration").path("audience")));
        for (String function : Set.of(COMMAND, QUERY)) {
            template.events(function, "HttpApi").forEach((event, props) -> {
                assertEquals("{HttpApi}", Template.render(props.path("ApiId")), function + "." + event);
                assertTrue(props.path("Auth").isMissingNode(), function + "." + event + " overrides the authorizer");
            });
        }
    }

    @Test
    void theArbitrationIntakeReportsPartialBatchFailures() {
        Map<String, JsonNode> sqs = template.events("ArbitrationIntakeFunction", "SQS");
        assertEquals(1, sqs.size(), "one SQS event source");
        JsonNode props = sqs.values().iterator().next();
        assertEquals("{ArbitrationQueue.Arn}", Template.render(props.path("Queue")));
        assertEquals(10, props.path("BatchSize").asInt());
        assertTrue(Template.renderAll(props.path("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                "without ReportBatchItemFailures the SQSBatchResponse is ignored");
    }

    @Test
    void theSweeperRunsOnAFixedRate() {
        Map<String, JsonNode> schedules = template.events("SweeperFunction", "ScheduleV2");
        assertEquals(1, schedules.size());
        assertEquals("rate(5 minutes)", schedules.values().iterator().next().path("ScheduleExpression").asText());
    }

    @Test
    void globalsBuildFromTheShadedJarWithSnapStart() throws java.io.IOException {
        JsonNode g = template.functionGlobals();
        assertEquals("java21", g.path("Runtime").asText());
        assertEquals("functions/target/functions.jar", g.path("CodeUri").asText());
        assertEquals("live", g.path("AutoPublishAlias").asText());
        assertEquals("PublishedVersions", g.path("SnapStart").path("ApplyOn").asText());
        assertEquals(1024, g.path("MemorySize").asInt());
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                g.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText());
        for (String function : HANDLERS.keySet()) {
            assertTrue(template.properties(function).path("CodeUri").isMissingNode(), function + " overrides CodeUri");
        }
        // and Maven's shade plugin is what writes that jar
        String pom = Files.readString(Repo.root().resolve("functions/pom.xml"));
        assertTrue(pom.contains("<outputFile>${project.build.directory}/functions.jar</outputFile>"),
                "functions/pom.xml must shade into target/functions.jar");
    }

    private Set<String> httpApiRoutes(String function) {
        Set<String> keys = new TreeSet<>();
        template.events(function, "HttpApi").values().forEach(p -> {
            String key = p.path("Method").asText().toUpperCase(java.util.Locale.ROOT) + " " + p.path("Path").asText();
            assertTrue(keys.add(key), function + " declares " + key + " twice");
        });
        return keys;
    }
}
