package aftersales.functions.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS clients the way cold starts like it: explicit region and credentials provider (no provider
 * chain probing), one URL-connection HTTP client shared by all, each client built once per container.
 */
public final class AwsClients {

    private final Config config;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    public AwsClients(Config config, AwsCredentialsProvider credentials) {
        this.config = config;
        this.region = Region.of(config.require(Config.AWS_REGION));
        this.credentials = credentials;
    }

    /**
     * In Lambda, credentials come from the environment: as variables, or, under SnapStart, from the container
     * credentials endpoint the environment names. Read them there and nowhere else (no provider-chain probing).
     */
    public static AwsClients fromEnvironment(Config config) {
        return new AwsClients(config, config.has(CONTAINER_CREDENTIALS)
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create());
    }

    static final String CONTAINER_CREDENTIALS = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "dynamodb").build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), "sqs").build();
    }

    public SchedulerClient scheduler() {
        return configure(SchedulerClient.builder(), "scheduler").build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String service) {
        builder.region(region).credentialsProvider(credentials).httpClient(http);
        config.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }
}
