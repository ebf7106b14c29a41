package aftersales.functions.testing;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One embedded <a href="https://github.com/softwaremill/elasticmq">ElasticMQ</a> (SQS protocol emulator, in this JVM)
 * per test JVM, started lazily on first use on a free port of 127.0.0.1 and stopped by a shutdown hook.
 *
 * <p>Queues live in one shared instance, so use {@link #freshQueueName(String)} per test class.
 * FIFO queues (names ending in {@code .fifo}) and redrive to a dead-letter queue
 * ({@link #redrivePolicy(String, int)}) are supported.
 */
public final class ElasticMq {

    private static final AtomicInteger QUEUE_SEQ = new AtomicInteger();
    private static final Object LOCK = new Object();
    private static volatile Instance instance;
    private static RuntimeException startFailure;

    private record Instance(SQSRestServer server, URI endpoint, SqsClient client) {}

    private ElasticMq() {}

    /** The emulator's endpoint, e.g. {@code http://127.0.0.1:41234}; starts it if needed. */
    public static URI endpoint() {
        return instance().endpoint();
    }

    /** A shared client pointed at the emulator. Do not close it; the shutdown hook does. */
    public static SqsClient client() {
        return instance().client();
    }

    /** A new client pointed at the emulator (the caller closes it). */
    public static SqsClient newClient() {
        return buildClient(endpoint());
    }

    /**
     * Creates the queue (idempotent for identical attributes) and returns its URL. A name ending in {@code .fifo}
     * gets {@code FifoQueue=true} unless the attributes say otherwise.
     */
    public static String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> attrs = new EnumMap<>(QueueAttributeName.class);
        if (attributes != null) {
            attrs.putAll(attributes);
        }
        if (name.endsWith(".fifo")) {
            attrs.putIfAbsent(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return client().createQueue(b -> b.queueName(name).attributes(attrs)).queueUrl();
    }

    /** The queue's ARN as the emulator reports it (needed for {@link #redrivePolicy(String, int)}). */
    public static String queueArn(String queueUrl) {
        return client().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * The {@code RedrivePolicy} attribute value sending messages to {@code deadLetterQueueUrl} after
     * {@code maxReceiveCount} receives without a delete.
     */
    public static String redrivePolicy(String deadLetterQueueUrl, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + queueArn(deadLetterQueueUrl) + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
    }

    /**
     * A queue name not used before in this JVM: {@code freshQueueName("refunds")} gives {@code refunds-3},
     * {@code freshQueueName("refunds.fifo")} gives {@code refunds-4.fifo}.
     */
    public static String freshQueueName(String prefix) {
        boolean fifo = prefix.endsWith(".fifo");
        String base = fifo ? prefix.substring(0, prefix.length() - ".fifo".length()) : prefix;
        base = base.replaceAll("[^a-zA-Z0-9_-]", "_");
        if (base.length() > 60) {
            base = base.substring(0, 60);
        }
        return base + "-" + QUEUE_SEQ.incrementAndGet() + (fifo ? ".fifo" : "");
    }

    private static Instance instance() {
        Instance current = instance;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (startFailure != null) {
                throw new IllegalStateException("ElasticMQ failed to start earlier in this JVM", startFailure);
            }
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            return instance;
        }
    }

    private static Instance start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        SqsClient client = buildClient(endpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            server.stopAndWait();
        }, "elasticmq-shutdown"));
        return new Instance(server, endpoint, client);
    }

    private static SqsClient buildClient(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
