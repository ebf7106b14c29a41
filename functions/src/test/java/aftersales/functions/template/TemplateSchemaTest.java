package aftersales.functions.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml against the SAM project's JSON schema (draft-04), kept in shared/ beside the clone. */
class TemplateSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = Repo.samSchema();
        assertTrue(Files.isRegularFile(file), () -> "the SAM schema is expected at " + file
                + " (shared/ beside the clone)");
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = new ObjectMapper().readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
        }
    }

    @Test
    void templateIsAValidSamTemplate() {
        Set<ValidationMessage> errors = schema.validate(Template.load().root());
        assertTrue(errors.isEmpty(), () -> "template.yaml does not match the SAM schema:\n" + describe(errors));
    }

    @Test
    void theSchemaCatchesAMisspelledFunctionProperty() {
        ObjectNode broken = Template.load().root().deepCopy();
        ((ObjectNode) broken.path("Resources").path("CommandApiFunction").path("Properties")).put("Handlr", "x::y");
        assertFalse(schema.validate(broken).isEmpty(), "an unknown function property must be reported");
    }

    @Test
    void theSchemaCatchesAnEventWithoutItsRequiredProperty() {
        ObjectNode broken = Template.load().root().deepCopy();
        ((ObjectNode) broken.path("Resources").path("ArbitrationIntakeFunction").path("Properties").path("Events")
                .path("ArbitrationQueueMessages").path("Properties")).remove("Queue");
        assertFalse(schema.validate(broken).isEmpty(), "an SQS event without Queue must be reported");
    }

    @Test
    void shortTagsBecomeTheLongForm() {
        JsonNode n = CloudFormationYaml.parse("""
                a: !Ref Table
                b: !GetAtt Queue.Arn
                c: !Sub "${AWS::StackName}-x"
                d: !Sub ["${A}-y", {A: !Ref B}]
                e: !If [IsProd, 1, 2]
                f: !GetAtt [Db, Endpoint.Address]
                """);
        assertEquals("Table", n.path("a").path("Ref").asText());
        assertEquals("[\"Queue\",\"Arn\"]", n.path("b").path("Fn::GetAtt").toString());
        assertEquals("${AWS::StackName}-x", n.path("c").path("Fn::Sub").asText());
        assertEquals("B", n.path("d").path("Fn::Sub").get(1).path("A").path("Ref").asText());
        assertEquals(3, n.path("e").path("Fn::If").size());
        assertEquals("{Db.Endpoint.Address}", Template.render(n.path("f")));
        assertEquals("{B}-y", Template.render(n.path("d")));
        assertEquals("{AWS::StackName}-x", Template.render(n.path("c")));
    }

    private static String describe(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::toString).sorted().limit(40).collect(Collectors.joining("\n"));
    }
}
