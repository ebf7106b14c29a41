package aftersales.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS for the local system: ElasticMQ in this JVM, the queues template.yaml declares (with their DLQs and
 * redrive), and pollers that hand batches to the SQS handlers the way Lambda's event source mapping does:
 * messages not reported as failed are deleted; failed ones come back after the visibility timeout and end in
 * the DLQ after the redrive count.
 */
final class LocalQueues implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalQueues.class.getName());
    static final int MAX_RECEIVES = 5;

    private final SQSRestServer server;
    final URI endpoint;
    private final AtomicBoolean running = new AtomicBoolean(true);

    String arbitrationQueue;
    String arbitrationDlq;
    String refundQueue;
    String refundDlq;

    private LocalQueues(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static LocalQueues start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new LocalQueues(server, URI.create("http://127.0.0.1:" + port));
    }

    void createQueues(SqsClient sqs) {
        arbitrationDlq = create(sqs, "aftersales-arbitration-dlq", Map.of());
        arbitrationQueue = create(sqs, "aftersales-arbitration", Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "5",
                QueueAttributeName.REDRIVE_POLICY, redrive(sqs, arbitrationDlq)));
        refundDlq = create(sqs, "aftersales-refund-instructions-dlq.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        refundQueue = create(sqs, "aftersales-refund-instructions.fifo", Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.REDRIVE_POLICY, redrive(sqs, refundDlq)));
    }

    private static String create(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String redrive(SqsClient sqs, String dlqUrl) {
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}";
    }

    /** Polls {@code queueUrl} on a daemon thread and hands each batch to {@code handler} (an SQS Lambda). */
    void poll(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> handler, String name) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                try {
                    List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages();
                    if (!batch.isEmpty()) {
                        deliver(sqs, queueUrl, batch, handler);
                    }
                } catch (RuntimeException e) {
                    if (running.get()) {
                        LOG.log(Level.WARNING, name + " poller: " + e.getMessage());
                        sleep();
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    static void deliver(SqsClient sqs, String queueUrl, List<Message> batch, Function<SQSEvent, SQSBatchResponse> handler) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(m -> {
            SQSEvent.SQSMessage s = new SQSEvent.SQSMessage();
            s.setMessageId(m.messageId());
            s.setReceiptHandle(m.receiptHandle());
            s.setBody(m.body());
            s.setEventSource("aws:sqs");
            s.setEventSourceArn(queueUrl);
            return s;
        }).toList());
        List<String> failed;
        try {
            SQSBatchResponse response = handler.apply(event);
            failed = response == null ? List.of() : response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "batch handler failed; the whole batch comes back", e);
            return;
        }
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        server.stopAndWait();
    }
}
