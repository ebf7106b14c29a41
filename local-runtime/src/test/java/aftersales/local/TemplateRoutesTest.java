package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.functions.http.Api;
import aftersales.functions.http.CommandRoutes;
import aftersales.functions.http.QueryRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's routes come from the real template.yaml and are exactly the routes the handlers serve. */
class TemplateRoutesTest {

    static final String COMMAND_HANDLER = "aftersales.functions.handlers.CommandApiHandler";
    static final String QUERY_HANDLER = "aftersales.functions.handlers.QueryApiHandler";

    static Path repo() {
        String prop = System.getProperty("repo.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("local-runtime"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    static List<TemplateRoutes.Route> templateRoutes() throws IOException {
        return TemplateRoutes.routes(TemplateRoutes.load(repo().resolve("template.yaml")));
    }

    @Test
    void templateRoutesAreExactlyTheHandlersRoutes() throws IOException {
        Set<String> commands = new CommandRoutes(null).commands(new Api(null, InstantSource.system())).routeKeys();
        Set<String> queries = new QueryRoutes(null, null, null, null).queries(new Api(null, InstantSource.system()))
                .routeKeys();
        Set<String> handlers = new TreeSet<>(commands);
        handlers.addAll(queries);

        List<TemplateRoutes.Route> routes = templateRoutes();
        List<String> keys = routes.stream().map(TemplateRoutes.Route::routeKey).toList();
        assertEquals(keys.size(), new HashSet<>(keys).size(), "a route key appears twice in template.yaml: " + keys);
        assertEquals(handlers, new TreeSet<>(keys));
        assertEquals(21, keys.size(), "README lists 21 routes");
    }

    @Test
    void postsGoToTheCommandHandlerAndGetsToTheQueryHandler() throws Exception {
        Set<String> commands = new CommandRoutes(null).commands(new Api(null, InstantSource.system())).routeKeys();
        for (TemplateRoutes.Route r : templateRoutes()) {
            String expected = switch (r.method()) {
                case "POST" -> COMMAND_HANDLER;
                case "GET" -> QUERY_HANDLER;
                default -> throw new AssertionError("unexpected method in " + r);
            };
            assertEquals(expected, r.handlerClass(), r.routeKey());
            assertEquals(r.method().equals("POST"), commands.contains(r.routeKey()), r.routeKey());
            assertEquals(expected.endsWith("CommandApiHandler") ? "CommandApiFunction" : "QueryApiFunction",
                    r.functionName(), r.routeKey());
            // the gateway instantiates it reflectively with the wiring
            Class.forName(r.handlerClass()).getConstructor(aftersales.functions.app.Wiring.class);
        }
        Map<String, Long> perClass = templateRoutes().stream()
                .collect(Collectors.groupingBy(TemplateRoutes.Route::handlerClass, Collectors.counting()));
        assertEquals(Map.of(COMMAND_HANDLER, 13L, QUERY_HANDLER, 8L), perClass);
    }

    @Test
    void realTemplateShortTagsLoadAsLongForms() throws IOException {
        Map<String, Object> t = TemplateRoutes.load(repo().resolve("template.yaml"));
        Map<?, ?> outputs = (Map<?, ?>) t.get("Outputs");
        assertEquals(Map.of("Ref", "DisputesTable"), ((Map<?, ?>) outputs.get("TableName")).get("Value"));
        Object apiUrl = ((Map<?, ?>) outputs.get("ApiUrl")).get("Value");
        assertEquals(Map.of("Fn::Sub", "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}"), apiUrl);
    }

    @Test
    void shortTagsInEveryFormLoadAsLongForms(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("t.yaml");
        Files.writeString(yaml, """
                ref: !Ref Table
                sub: !Sub arn:${AWS::Partition}:x
                subList: !Sub ["${A}-b", {A: !Ref Name}]
                getAtt: !GetAtt Queue.Arn
                getAttNested: !GetAtt Db.Endpoint.Address
                getAttList: [!GetAtt [Queue, QueueName]]
                join: !Join [",", [a, !Ref B]]
                cond: !Condition IsProd
                ifs: !If [IsProd, 1, !Ref "AWS::NoValue"]
                select: !Select [0, !GetAZs ""]
                mapping: !Transform {Name: X, Parameters: {k: v}}
                plain: {a: 1}
                """);
        Map<String, Object> m = TemplateRoutes.load(yaml);
        assertEquals(Map.of("Ref", "Table"), m.get("ref"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:x"), m.get("sub"));
        assertEquals(Map.of("Fn::Sub", List.of("${A}-b", Map.of("A", Map.of("Ref", "Name")))), m.get("subList"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), m.get("getAtt"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")), m.get("getAttNested"));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("Queue", "QueueName"))), m.get("getAttList"));
        assertEquals(Map.of("Fn::Join", List.of(",", List.of("a", Map.of("Ref", "B")))), m.get("join"));
        assertEquals(Map.of("Condition", "IsProd"), m.get("cond"));
        assertEquals(Map.of("Fn::If", List.of("IsProd", 1, Map.of("Ref", "AWS::NoValue"))), m.get("ifs"));
        assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))), m.get("select"));
        assertEquals(Map.of("Fn::Transform", Map.of("Name", "X", "Parameters", Map.of("k", "v"))), m.get("mapping"));
        assertEquals(Map.of("a", 1), m.get("plain"));
    }

    @Test
    void routesFromATemplateUseTheGlobalHandlerAndSkipOtherEvents(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("t.yaml");
        Files.writeString(yaml, """
                Globals:
                  Function:
                    Handler: a.Global::handleRequest
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: get, Path: "/things/{id}"}}
                        Sqs: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn}}
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: b.Own
                      Events:
                        Post: {Type: HttpApi, Properties: {Method: POST, Path: /things}}
                """);
        List<TemplateRoutes.Route> routes = TemplateRoutes.routes(TemplateRoutes.load(yaml));
        assertEquals(Set.of(new TemplateRoutes.Route("GET", "/things/{id}", "a.Global", "Fn"),
                new TemplateRoutes.Route("POST", "/things", "b.Own", "Other")), Set.copyOf(routes));
    }

    private static TemplateRoutes.Route route(String key) throws IOException {
        return templateRoutes().stream().filter(r -> r.routeKey().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + key));
    }

    @Test
    void matchExtractsAndDecodesPathParameters() throws IOException {
        TemplateRoutes.Route view = route("GET /disputes/{disputeId}");
        assertEquals(Optional.of(Map.of("disputeId", "order-1~2")), view.match("/disputes/order-1~2"));
        assertEquals(Optional.of(Map.of("disputeId", "order-1~2")), view.match("/disputes/order%2D1%7E2"));
        assertEquals(Optional.of(Map.of("disputeId", "a b/c")), view.match("/disputes/a%20b%2Fc"));
        assertEquals(Optional.of(Map.of("disputeId", "é")), view.match("/disputes/%C3%A9"));
        assertEquals(Optional.of(Map.of("disputeId", "shop+eu")), view.match("/disputes/shop+eu"),
                "a plus in a path is a plus, as API Gateway passes it");
        TemplateRoutes.Route ruling = route("POST /arbitration/cases/{disputeId}/ruling");
        assertEquals(Optional.of(Map.of("disputeId", "o_9~1")), ruling.match("/arbitration/cases/o_9~1/ruling"));
        assertEquals(Optional.of(Map.of()), route("GET /disputes").match("/disputes"));

        TemplateRoutes.Route two = new TemplateRoutes.Route("GET", "/a/{x}/b/{y}", "H", "F");
        assertEquals(Optional.of(Map.of("x", "1", "y", "2~3")), two.match("/a/1/b/2~3"));
        assertEquals(List.of("x", "y"), List.copyOf(two.match("/a/1/b/2").orElseThrow().keySet()));
    }

    @Test
    void noMatchOnOtherShapes() throws IOException {
        TemplateRoutes.Route view = route("GET /disputes/{disputeId}");
        assertFalse(view.match("/disputes/o~1/extra").isPresent(), "extra segment");
        assertFalse(view.match("/disputes/o~1/").isPresent(), "trailing slash");
        assertFalse(view.match("/disputes").isPresent(), "missing segment");
        assertFalse(view.match("/disputes/").isPresent(), "empty parameter");
        assertFalse(view.match("/orders/o~1").isPresent(), "other literal");
        assertFalse(view.match("/Disputes/o~1").isPresent(), "literals are case-sensitive");
        TemplateRoutes.Route ruling = route("POST /arbitration/cases/{disputeId}/ruling");
        assertFalse(ruling.match("/arbitration/cases//ruling").isPresent(), "empty parameter in the middle");
        assertFalse(ruling.match("/arbitration/cases/o~1").isPresent(), "missing last segment");
        assertFalse(ruling.match("/arbitration/cases/o~1/rulings").isPresent(), "other last literal");
        assertTrue(route("GET /arbitration/cases").match("/arbitration/cases").isPresent());
        assertFalse(route("GET /arbitration/cases").match("/arbitration/cases/o~1").isPresent());
    }
}
