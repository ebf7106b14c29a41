import aftersales.functions.handlers.CommandApiHandler;
import aftersales.functions.store.Table;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Not timed. Creates the table from {@link Table#definition(String)} (the production definition) and registers
 * one order by sending POST /orders through the production CommandApiHandler, so the item the probes read is
 * exactly what the service writes. Usage: {@code Seed <orderId>} with the same environment as the probes.
 */
public final class Seed {
    public static void main(String[] args) {
        String orderId = args[0];
        try (DynamoDbClient ddb = DynamoDbClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
                .build()) {
            String table = System.getenv("TABLE_NAME");
            // dynalite runs with --createTableMs 0: the table is ACTIVE as soon as CreateTable returns
            ddb.createTable(Table.definition(table));
        }
        APIGatewayV2HTTPResponse r = new CommandApiHandler().handleRequest(ColdStartProbe.registerOrder(orderId), null);
        if (r.getStatusCode() != 201) {
            throw new IllegalStateException("seeding " + orderId + " answered " + r.getStatusCode() + ": " + r.getBody());
        }
        System.out.println("seeded table " + System.getenv("TABLE_NAME") + " with order " + orderId);
    }
}
