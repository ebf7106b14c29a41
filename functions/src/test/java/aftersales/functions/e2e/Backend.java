package aftersales.functions.e2e;

import aftersales.functions.testing.Dynalite;
import aftersales.functions.testing.ElasticMq;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the service tests' DynamoDB and SQS live: the local emulators, or LocalStack when Docker is there. */
record Backend(String name, URI dynamoDb, URI sqsEndpoint, SqsClient sqs) {

    static Backend emulators() {
        return new Backend("dynalite+elasticmq", Dynalite.endpoint(), ElasticMq.endpoint(), ElasticMq.client());
    }

    static Backend at(String name, URI endpoint, String region, String accessKey, String secretKey) {
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        return new Backend(name, endpoint, endpoint, sqs);
    }
}
