package aftersales.functions.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as the tests read it, with a symbolic renderer for intrinsic functions: {@code Ref X} renders as
 * {@code {X}}, {@code Fn::GetAtt [X, Arn]} as {@code {X.Arn}}, and {@code Fn::Sub} substitutes its variables the
 * same way, so {@code !Sub ${DisputesTable.Arn}/index/*} renders as {@code {DisputesTable.Arn}/index/*}.
 */
record Template(JsonNode root) {

    static final String FUNCTION = "AWS::Serverless::Function";

    static Template load() {
        try {
            return new Template(CloudFormationYaml.read(Repo.template()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode resource(String logicalId) {
        JsonNode r = root.path("Resources").path(logicalId);
        if (r.isMissingNode()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return r;
    }

    JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    Map<String, JsonNode> functions() {
        return resourcesOfType(FUNCTION);
    }

    JsonNode functionGlobals() {
        return root.path("Globals").path("Function");
    }

    /** A function property, or the Globals' when the function does not set it. */
    JsonNode functionProperty(String function, String name) {
        JsonNode own = properties(function).path(name);
        return own.isMissingNode() ? functionGlobals().path(name) : own;
    }

    /** Environment variables as Lambda sees them: the Globals' merged with the function's own. */
    Map<String, JsonNode> environment(String function) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        functionGlobals().path("Environment").path("Variables").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        properties(function).path("Environment").path("Variables").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        return env;
    }

    /** The events of one type on a function, by name. */
    Map<String, JsonNode> events(String function, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        properties(function).path("Events").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return found;
    }

    // ---- symbolic rendering of intrinsic functions ----

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    /** One value, rendered; a list renders as a list (see {@link #renderAll}). */
    static String render(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new AssertionError("nothing to render");
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        if (n.isObject() && n.size() == 1) {
            Map.Entry<String, JsonNode> e = n.properties().iterator().next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "Ref":
                    return "{" + v.asText() + "}";
                case "Fn::GetAtt":
                    return v.isArray() ? "{" + v.get(0).asText() + "." + v.get(1).asText() + "}" : "{" + v.asText() + "}";
                case "Fn::Sub":
                    return sub(v);
                case "Fn::Join": {
                    List<String> parts = renderAll(v.get(1));
                    return String.join(v.get(0).asText(), parts);
                }
                default:
                    break;
            }
        }
        throw new AssertionError("cannot render " + n);
    }

    /** A scalar or intrinsic as a one-element list, a list element-wise. */
    static List<String> renderAll(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(item -> out.add(render(item)));
        } else if (!n.isMissingNode()) {
            out.add(render(n));
        }
        return out;
    }

    /** An Allow statement as the template would write it, for policies SAM expands from a template. */
    static JsonNode statement(List<String> actions, String resource) {
        com.fasterxml.jackson.databind.node.ObjectNode s = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        s.put("Effect", "Allow");
        actions.forEach(s.putArray("Action")::add);
        s.put("Resource", resource);
        return s;
    }

    private static String sub(JsonNode v) {
        String text = v.isArray() ? v.get(0).asText() : v.asText();
        Map<String, String> vars = new LinkedHashMap<>();
        if (v.isArray() && v.size() > 1) {
            v.get(1).properties().forEach(e -> vars.put(e.getKey(), render(e.getValue())));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = !m.group(1).isEmpty() ? "${" + m.group(2) + "}"
                    : vars.getOrDefault(m.group(2), "{" + m.group(2) + "}");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
