package aftersales.functions.e2e;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Every lifecycle scenario again, against LocalStack's DynamoDB and SQS. Runs only where a Docker engine
 * runs (CI machines here have none, and the class is reported as skipped).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackLifecycleTest extends DisputeLifecycleTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("dynamodb", "sqs");

    @Override
    Backend backend() {
        return Backend.at("localstack", LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion(), LOCALSTACK.getAccessKey(),
                LOCALSTACK.getSecretKey());
    }
}
