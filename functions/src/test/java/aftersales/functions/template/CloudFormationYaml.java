package aftersales.functions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM YAML template into a Jackson tree, turning the short-form tags into the long form a
 * JSON schema and the tests understand: {@code !Ref X} into {@code {"Ref": "X"}}, {@code !GetAtt A.B} into
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Condition C} into {@code {"Condition": "C"}}, and any other
 * {@code !Name v} into {@code {"Fn::Name": v}}. Plain YAML loaders reject or silently drop these tags.
 */
final class CloudFormationYaml {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    static JsonNode parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    static JsonNode parse(Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new CloudFormationConstructor(options)).load(yaml);
        return MAPPER.valueToTree(document);
    }

    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            // a multi-constructor keyed by prefix: every local tag (!Ref, !Sub, !GetAtt, !If, ...) comes here
            this.yamlMultiConstructors.put("!", new ShortForm());
        }

        private final class ShortForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                Object value = switch (node) {
                    case ScalarNode s -> constructScalar(s);
                    case SequenceNode s -> constructSequence(s);
                    case MappingNode m -> constructMapping(m);
                    default -> throw new IllegalArgumentException("unsupported node for !" + name + ": " + node);
                };
                return switch (name) {
                    case "Ref" -> Map.of("Ref", value);
                    case "Condition" -> Map.of("Condition", value);
                    case "GetAtt" -> Map.of("Fn::GetAtt", value instanceof String s ? getAtt(s) : value);
                    default -> Map.of("Fn::" + name, value);
                };
            }
        }

        /** {@code Resource.Attribute}; the attribute itself may contain dots (Endpoint.Address). */
        private static List<String> getAtt(String dotted) {
            int dot = dotted.indexOf('.');
            if (dot <= 0 || dot == dotted.length() - 1) {
                throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got: " + dotted);
            }
            return Arrays.asList(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
    }
}
