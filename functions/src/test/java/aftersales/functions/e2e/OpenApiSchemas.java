package aftersales.functions.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * openapi.yaml (OpenAPI 3.1) as JSON Schema 2020-12 validators. A schema taken from the document is validated
 * inside a synthetic schema resource whose {@code $defs} are the document's {@code components.schemas}, with
 * every {@code #/components/schemas/X} reference rewritten to {@code #/$defs/X}; format assertions are on, so a
 * {@code date-time} that is not one fails.
 */
final class OpenApiSchemas {

    static final String FILE = "openapi.yaml";
    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    final Path file;
    final JsonNode doc;
    private final JsonNode defs;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .failFast(false)
            .build();
    private final Map<String, JsonSchema> cache = new HashMap<>();

    private OpenApiSchemas(Path file, JsonNode doc) {
        this.file = file;
        this.doc = doc;
        this.defs = rewriteRefs(doc.path("components").path("schemas"));
    }

    /** openapi.yaml at the repository root: the first directory upwards from the working directory that has it. */
    static OpenApiSchemas load() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(FILE);
            if (Files.isRegularFile(candidate) && Files.isDirectory(d.resolve("functions"))) {
                return load(candidate);
            }
        }
        throw new IllegalStateException("no " + FILE + " next to a functions/ folder above " + dir);
    }

    static OpenApiSchemas load(Path file) {
        try {
            return new OpenApiSchemas(file, new YAMLMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every "METHOD /path" the document describes. */
    Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                keys.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
            }
        }));
        return keys;
    }

    /** The operation of a route key such as "POST /orders"; fails if the document lacks it. */
    JsonNode operation(String routeKey) {
        int space = routeKey.indexOf(' ');
        String method = routeKey.substring(0, space).toLowerCase(java.util.Locale.ROOT);
        String path = routeKey.substring(space + 1);
        JsonNode op = doc.path("paths").path(path).path(method);
        if (!op.isObject()) {
            throw new AssertionError(FILE + " has no operation " + routeKey);
        }
        return op;
    }

    /** The documented response of an operation for a status, with a {@code $ref} followed; empty if undocumented. */
    Optional<JsonNode> response(String routeKey, int status) {
        JsonNode r = operation(routeKey).path("responses").get(Integer.toString(status));
        return r == null ? Optional.empty() : Optional.of(deref(r));
    }

    /** The request body's schema for a media type, empty if the operation takes no body. */
    Optional<JsonNode> requestSchema(String routeKey, String mediaType) {
        JsonNode body = operation(routeKey).get("requestBody");
        if (body == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(deref(body).path("content").path(mediaType).get("schema"));
    }

    boolean requestBodyRequired(String routeKey) {
        JsonNode body = operation(routeKey).get("requestBody");
        return body != null && deref(body).path("required").asBoolean(false);
    }

    /** The operation's parameters (path-level ones included), {@code $ref}s followed. */
    List<JsonNode> parameters(String routeKey) {
        List<JsonNode> out = new ArrayList<>();
        int space = routeKey.indexOf(' ');
        JsonNode pathItem = doc.path("paths").path(routeKey.substring(space + 1));
        for (JsonNode p : pathItem.path("parameters")) {
            out.add(deref(p));
        }
        for (JsonNode p : operation(routeKey).path("parameters")) {
            out.add(deref(p));
        }
        return out;
    }

    /** Follows a local {@code $ref} (any component kind) until a non-reference object. */
    JsonNode deref(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            String ref = n.get("$ref").textValue();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references: " + ref);
            }
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                throw new AssertionError(FILE + ": unresolved " + ref);
            }
            n = target;
        }
        return n;
    }

    /** Validation messages of {@code instance} against a schema object taken from the document (empty: valid). */
    Set<String> validate(JsonNode schema, JsonNode instance) {
        JsonSchema s = cache.computeIfAbsent(schema.toString(), k -> compile(schema));
        Set<String> out = new TreeSet<>();
        for (ValidationMessage m : s.validate(instance)) {
            out.add(m.getMessage());
        }
        return out;
    }

    /** Validation messages against {@code #/components/schemas/<name>}. */
    Set<String> validate(String componentSchema, JsonNode instance) {
        if (!doc.path("components").path("schemas").has(componentSchema)) {
            throw new AssertionError(FILE + " has no components.schemas." + componentSchema);
        }
        return validate(new ObjectNode(JsonNodeFactory.instance, Map.of("$ref",
                TextNode.valueOf(COMPONENT_SCHEMAS + componentSchema))), instance);
    }

    private JsonSchema compile(JsonNode schema) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:aftersales:openapi");
        root.set("$defs", defs);
        // the schema itself, alongside $defs (2020-12 allows keywords next to $ref)
        JsonNode own = rewriteRefs(schema);
        if (own.isObject()) {
            own.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
        } else {
            throw new IllegalArgumentException("a schema object expected: " + schema);
        }
        return factory.getSchema(root, config);
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    String ref = e.getValue().textValue();
                    if (!ref.startsWith(COMPONENT_SCHEMAS)) {
                        throw new IllegalArgumentException("a schema may only reference components.schemas: " + ref);
                    }
                    copy.put("$ref", "#/$defs/" + ref.substring(COMPONENT_SCHEMAS.length()));
                } else {
                    copy.set(e.getKey(), rewriteRefs(e.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(rewriteRefs(n)));
            return copy;
        }
        return node;
    }
}
