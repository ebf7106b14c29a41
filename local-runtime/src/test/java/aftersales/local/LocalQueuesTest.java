package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ with the template's queues; a batch hands over like Lambda's event source mapping does. */
class LocalQueuesTest {

    static LocalQueues queues;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        queues = LocalQueues.start();
        sqs = SqsClient.builder().endpointOverride(queues.endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        queues.createQueues(sqs);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        queues.close();
    }

    private static List<Message> receive(String queue, int visibilitySeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)
                .visibilityTimeout(visibilitySeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    private static void purge(String queue) {
        for (List<Message> m = receive(queue, 0); !m.isEmpty(); m = receive(queue, 0)) {
            m.forEach(x -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(x.receiptHandle())));
        }
    }

    private static Function<SQSEvent, SQSBatchResponse> failing(Set<String> bodies, List<SQSEvent> seen) {
        return event -> {
            seen.add(event);
            return SQSBatchResponse.builder().withBatchItemFailures(event.getRecords().stream()
                    .filter(r -> bodies.contains(r.getBody()))
                    .map(r -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(r.getMessageId()).build())
                    .toList()).build();
        };
    }

    @Test
    void queuesExistWithTheTemplatesRedrive() {
        var attrs = sqs.getQueueAttributes(b -> b.queueUrl(queues.arbitrationQueue)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("5", attrs.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(attrs.get(QueueAttributeName.REDRIVE_POLICY).contains("aftersales-arbitration-dlq"));
        assertTrue(attrs.get(QueueAttributeName.REDRIVE_POLICY).contains(Integer.toString(LocalQueues.MAX_RECEIVES)));
        assertTrue(queues.refundQueue.endsWith(".fifo") && queues.refundDlq.endsWith(".fifo"));
    }

    @Test
    void succeededMessagesAreDeletedFailedOnesComeBack() {
        String q = queues.arbitrationQueue;
        purge(q);
        for (String body : List.of("ok-1", "bad", "ok-2")) {
            sqs.sendMessage(b -> b.queueUrl(q).messageBody(body));
        }
        List<Message> batch = receive(q, 0);
        assertEquals(3, batch.size());

        List<SQSEvent> seen = new ArrayList<>();
        LocalQueues.deliver(sqs, q, batch, failing(Set.of("bad"), seen));
        assertEquals(1, seen.size());
        SQSEvent.SQSMessage first = seen.getFirst().getRecords().getFirst();
        assertEquals("aws:sqs", first.getEventSource());
        assertEquals(q, first.getEventSourceArn());
        assertEquals(batch.stream().map(Message::messageId).toList(),
                seen.getFirst().getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());

        List<Message> back = receive(q, 0);
        assertEquals(List.of("bad"), back.stream().map(Message::body).toList(), "only the failed one comes back");
        assertEquals("2", back.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));

        LocalQueues.deliver(sqs, q, back, failing(Set.of(), new ArrayList<>()));
        assertEquals(List.of(), receive(q, 0), "a success deletes it");
    }

    @Test
    void aThrowingHandlerLeavesTheWholeBatch() {
        String q = queues.arbitrationQueue;
        purge(q);
        sqs.sendMessage(b -> b.queueUrl(q).messageBody("a"));
        sqs.sendMessage(b -> b.queueUrl(q).messageBody("b"));
        List<Message> batch = receive(q, 0);
        assertEquals(2, batch.size());
        Logger log = Logger.getLogger(LocalQueues.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF); // the warning with its stack trace is expected here
        try {
            LocalQueues.deliver(sqs, q, batch, e -> {
                throw new IllegalStateException("handler crashed");
            });
        } finally {
            log.setLevel(level);
        }
        assertEquals(Set.of("a", "b"), Set.copyOf(receive(q, 0).stream().map(Message::body).toList()));
        purge(q);
    }

    @Test
    void afterMaxReceivesTheMessageLandsInTheDlq() {
        String q = queues.arbitrationQueue;
        purge(q);
        purge(queues.arbitrationDlq);
        sqs.sendMessage(b -> b.queueUrl(q).messageBody("poison"));

        int receives = 0;
        for (int attempt = 0; attempt < 3 * LocalQueues.MAX_RECEIVES; attempt++) {
            List<Message> batch = receive(q, 0);
            if (batch.isEmpty()) {
                break;
            }
            receives++;
            LocalQueues.deliver(sqs, q, batch, failing(Set.of("poison"), new ArrayList<>()));
        }
        assertEquals(LocalQueues.MAX_RECEIVES, receives, "delivered MAX_RECEIVES times, then no more");
        assertEquals(List.of(), receive(q, 0));

        List<Message> dead = receive(queues.arbitrationDlq, 30);
        assertEquals(List.of("poison"), dead.stream().map(Message::body).toList());
    }

    @Test
    void fifoRefundQueueDeliversOnceWithSuccess() {
        String q = queues.refundQueue;
        sqs.sendMessage(b -> b.queueUrl(q).messageBody("refund-1").messageGroupId("o-1").messageDeduplicationId("o-1~1.refund"));
        sqs.sendMessage(b -> b.queueUrl(q).messageBody("refund-1").messageGroupId("o-1").messageDeduplicationId("o-1~1.refund"));
        List<Message> batch = receive(q, 0);
        assertEquals(List.of("refund-1"), batch.stream().map(Message::body).toList(), "deduplicated by id");
        LocalQueues.deliver(sqs, q, batch, failing(Set.of(), new ArrayList<>()));
        assertEquals(List.of(), receive(q, 0));
    }
}
