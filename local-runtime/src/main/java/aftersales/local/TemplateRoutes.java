package aftersales.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The HTTP API as template.yaml declares it: every HttpApi event of every function, with the function's
 * handler class. CloudFormation's short tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt} ...) are read as
 * their long forms, so a plain YAML loader does not trip on them.
 */
final class TemplateRoutes {

    /** One route: method, path template ("/disputes/{disputeId}"), and the handler class that serves it. */
    record Route(String method, String path, String handlerClass, String functionName) {
        String routeKey() {
            return method + " " + path;
        }

        /** Path parameters if {@code rawPath} matches this route's template. */
        Optional<Map<String, String>> match(String rawPath) {
            String[] want = path.split("/", -1);
            String[] got = rawPath.split("/", -1);
            if (want.length != got.length) {
                return Optional.empty();
            }
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith("{") && want[i].endsWith("}")) {
                    if (got[i].isEmpty()) {
                        return Optional.empty();
                    }
                    // percent-decoding only, as API Gateway does: '+' in a path is a plus, not a space
                    params.put(want[i].substring(1, want[i].length() - 1),
                            java.net.URLDecoder.decode(got[i].replace("+", "%2B"), StandardCharsets.UTF_8));
                } else if (!want[i].equals(got[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(params);
        }
    }

    private TemplateRoutes() {
    }

    static Map<String, Object> load(Path template) throws IOException {
        try (Reader r = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new CloudFormationConstructor()).load(r);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) doc;
            return map;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Route> routes(Map<String, Object> template) {
        List<Route> routes = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.getOrDefault("Globals",
                Map.of())).getOrDefault("Function", Map.of());
        for (var resource : resources.entrySet()) {
            Map<String, Object> r = (Map<String, Object>) resource.getValue();
            if (!"AWS::Serverless::Function".equals(r.get("Type"))) {
                continue;
            }
            Map<String, Object> props = (Map<String, Object>) r.get("Properties");
            String handler = (String) props.getOrDefault("Handler", globals.get("Handler"));
            String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            Map<String, Object> events = (Map<String, Object>) props.getOrDefault("Events", Map.of());
            for (Object e : events.values()) {
                Map<String, Object> event = (Map<String, Object>) e;
                if (!"HttpApi".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> p = (Map<String, Object>) event.get("Properties");
                routes.add(new Route(((String) p.get("Method")).toUpperCase(java.util.Locale.ROOT),
                        (String) p.get("Path"), handlerClass, resource.getKey()));
            }
        }
        return routes;
    }

    /** Maps {@code !Name x} to {@code {"Fn::Name": x}} and {@code !Ref x} to {@code {"Ref": x}}. */
    static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value = switch (node) {
                        case ScalarNode s -> constructScalar(s);
                        case SequenceNode s -> constructSequence(s);
                        case MappingNode m -> constructMapping(m);
                        default -> null;
                    };
                    if (tag.equals("GetAtt") && value instanceof String s && s.contains(".")) {
                        value = List.of(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1));
                    }
                    return Map.of(key, value);
                }
            });
        }
    }
}
