package aftersales.functions.e2e;

import aftersales.domain.Policy;
import aftersales.functions.app.Wiring;
import aftersales.functions.aws.Config;
import aftersales.functions.handlers.ArbitrationIntakeHandler;
import aftersales.functions.handlers.CommandApiHandler;
import aftersales.functions.handlers.DeadlineHandler;
import aftersales.functions.handlers.QueryApiHandler;
import aftersales.functions.handlers.SweeperHandler;
import aftersales.functions.store.Table;
import aftersales.functions.testing.Dynalite;
import aftersales.functions.testing.ElasticMq;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole service on emulators: a fresh dynalite table and ElasticMQ queues per harness, the production
 * handlers wired as in Lambda, a hand-moved clock, and a recording scheduler. Calls go in as API Gateway v2
 * events, SQS batches and scheduler payloads, exactly the shapes Lambda delivers.
 */
final class Harness {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final TestClock clock = new TestClock(START);
    final RecordingScheduler scheduler = new RecordingScheduler();
    final RequestCounter ddbRequests = new RequestCounter();
    final DynamoDbClient ddb;
    final String table = Dynalite.freshTableName("disputes");
    final String arbitrationQueue;
    final String arbitrationDlq;
    final String refundQueue;
    final Wiring wiring;
    final CommandApiHandler commands;
    final QueryApiHandler queries;
    final DeadlineHandler deadlines;
    final ArbitrationIntakeHandler intake;
    final SweeperHandler sweeper;

    final Backend backend;

    Harness() {
        this(Backend.emulators());
    }

    Harness(Backend backend) {
        this.backend = backend;
        ddb = DynamoDbClient.builder().endpointOverride(backend.dynamoDb()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(ddbRequests))
                .build();
        ddb.createTable(Table.definition(table));
        arbitrationDlq = queue(ElasticMq.freshQueueName("arbitration-dlq"), Map.of());
        String dlqArn = backend.sqs().getQueueAttributes(b -> b.queueUrl(arbitrationDlq)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        arbitrationQueue = queue(ElasticMq.freshQueueName("arbitration"), Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}",
                QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        refundQueue = queue(ElasticMq.freshQueueName("refunds.fifo"), Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        Config config = new Config(Map.of(Config.TABLE_NAME, table, Config.ARBITRATION_QUEUE_URL, arbitrationQueue,
                Config.REFUND_QUEUE_URL, refundQueue));
        wiring = Wiring.of(ddb, backend.sqs(), scheduler, config, clock, Policy.DEFAULT);
        commands = new CommandApiHandler(wiring);
        queries = new QueryApiHandler(wiring);
        deadlines = new DeadlineHandler(wiring);
        intake = new ArbitrationIntakeHandler(wiring);
        sweeper = new SweeperHandler(wiring);
        ddbRequests.takeAll();
    }

    private String queue(String name, Map<QueueAttributeName, String> attributes) {
        return backend.sqs().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** A response as a client sees it. */
    record Response(int status, Map<String, String> headers, JsonNode body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text(String path) {
            JsonNode n = body;
            for (String part : path.split("\\.")) {
                n = n == null ? null : (part.matches("\\d+") ? n.get(Integer.parseInt(part)) : n.get(part));
            }
            return n == null || n.isNull() ? null : n.asText();
        }
    }

    record Caller(String role, String sub) {
        static Caller buyer(String id) {
            return new Caller("buyer", id);
        }

        static Caller seller(String id) {
            return new Caller("seller", id);
        }

        static Caller arbitrator(String id) {
            return new Caller("arbitrator", id);
        }

        static Caller platform() {
            return new Caller("platform", "payments");
        }
    }

    Response post(Caller caller, String routeKey, Map<String, String> path, String body) {
        return call(event(caller, routeKey, path, Map.of(), body, Map.of()));
    }

    Response post(Caller caller, String routeKey, Map<String, String> path, String body, String idempotencyKey) {
        return call(event(caller, routeKey, path, Map.of(), body, Map.of("Idempotency-Key", idempotencyKey)));
    }

    Response get(Caller caller, String routeKey, Map<String, String> path, Map<String, String> query) {
        return call(event(caller, routeKey, path, query, null, Map.of()));
    }

    Response call(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse r = event.getRouteKey().startsWith("GET ")
                ? queries.handleRequest(event, null)
                : commands.handleRequest(event, null);
        JsonNode body = r.getBody() == null || r.getBody().isEmpty() ? null : TestJson.parse(r.getBody());
        return new Response(r.getStatusCode(), r.getHeaders(), body);
    }

    static APIGatewayV2HTTPEvent event(Caller caller, String routeKey, Map<String, String> path,
                                       Map<String, String> query, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        Map<String, String> claims = caller == null ? Map.of() : Map.of("sub", caller.sub(), "role", caller.role());
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(routeKey.substring(routeKey.indexOf(' ') + 1))
                .withPathParameters(path)
                .withQueryStringParameters(query)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).withScopes(List.of()).build())
                                .build())
                        .build())
                .build();
    }

    /** What EventBridge Scheduler delivers to the deadline function. */
    String fireDeadline(String payload) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deadlines.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String sweep() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sweeper.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, null);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives what is on a queue now (as Lambda's poller would) without deleting it. */
    List<Message> receive(String queueUrl) {
        return backend.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .attributeNamesWithStrings("All")).messages();
    }

    void delete(String queueUrl, Message m) {
        backend.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
    }

    /** Delivers messages to the intake handler as one SQS batch; deletes those not reported failed, as Lambda does. */
    SQSBatchResponse deliverToIntake(List<Message> messages) {
        SQSBatchResponse response = intakeBatch(messages);
        var failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        messages.stream().filter(m -> !failed.contains(m.messageId())).forEach(m -> delete(arbitrationQueue, m));
        return response;
    }

    /** Delivers messages to the intake handler as one SQS batch, deleting nothing. */
    SQSBatchResponse intakeBatch(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage s = new SQSEvent.SQSMessage();
            s.setMessageId(m.messageId());
            s.setReceiptHandle(m.receiptHandle());
            s.setBody(m.body());
            s.setEventSource("aws:sqs");
            return s;
        }).toList());
        return intake.handleRequest(event, null);
    }
}
