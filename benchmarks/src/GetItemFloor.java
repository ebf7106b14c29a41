import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * (b) The floor: the same DynamoDB client AwsClients builds (URL-connection HTTP client, explicit region from
 * AWS_REGION, EnvironmentVariableCredentialsProvider, endpoint from AWS_ENDPOINT_URL) and one consistent GetItem
 * of the seeded order's item. Nothing a real handler does can be cheaper than this.
 *
 * <p>Usage: {@code GetItemFloor <orderId>} with TABLE_NAME, AWS_REGION, AWS_ENDPOINT_URL and credentials in the
 * environment. Prints {@code status=<200|404> inJvmMs=<ms since JVM start>}.
 */
public final class GetItemFloor {
    public static void main(String[] args) {
        String orderId = args[0];
        DynamoDbClient ddb = DynamoDbClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
                .build();
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER")))
                .consistentRead(true)).item();
        long end = System.currentTimeMillis();
        // The management classes load only after the clock was read, so they do not count.
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        int status = item == null || item.isEmpty() ? 404 : 200;
        System.out.println("status=" + status + " inJvmMs=" + (end - start));
        System.exit(status == 200 ? 0 : 1);
    }
}
