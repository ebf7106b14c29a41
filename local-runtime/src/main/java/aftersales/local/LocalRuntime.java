package aftersales.local;

import aftersales.domain.Dispute;
import aftersales.domain.Order;
import aftersales.functions.app.Policies;
import aftersales.functions.app.Wiring;
import aftersales.functions.aws.Config;
import aftersales.functions.aws.SqsArbitrationQueue;
import aftersales.functions.handlers.ArbitrationIntakeHandler;
import aftersales.functions.handlers.DeadlineHandler;
import aftersales.functions.handlers.SweeperHandler;
import aftersales.functions.json.Json;
import aftersales.functions.store.Page;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import aftersales.functions.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system on one machine: dynalite (data kept in a folder), ElasticMQ, the HTTP API gateway read from
 * template.yaml, the local scheduler, the queue pollers and the sweeper, all sharing one clock that a
 * development endpoint moves forward.
 *
 * <pre>
 * local-runtime [run] [--port 8080] [--data .local-data] [--repo .] [--sweep-seconds 30]
 * local-runtime token --role buyer|seller|arbitrator|platform --sub ID [--data .local-data]
 * </pre>
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRuntime.class.getName());
    static final String TABLE = "aftersales-local";

    record Options(int port, Path data, Path repo, int sweepSeconds) {
        static Options parse(List<String> args) {
            int port = 8080;
            Path data = Path.of(".local-data");
            Path repo = Path.of(".");
            int sweep = 30;
            for (int i = 0; i < args.size(); i++) {
                String value = i + 1 < args.size() ? args.get(i + 1) : "";
                switch (args.get(i)) {
                    case "--port" -> port = Integer.parseInt(args.get(++i));
                    case "--data" -> data = Path.of(args.get(++i));
                    case "--repo" -> repo = Path.of(args.get(++i));
                    case "--sweep-seconds" -> sweep = Integer.parseInt(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i) + " " + value);
                }
            }
            return new Options(port, data.toAbsolutePath(), repo.toAbsolutePath(), sweep);
        }
    }

    private final LocalDynamo dynamo;
    private final LocalQueues queues;
    private final Gateway gateway;
    private final LocalClock clock;
    private final LocalScheduler scheduler;
    private final DeadlineHandler deadlines;
    private final SweeperHandler sweeper;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-ticker");
        t.setDaemon(true);
        return t;
    });

    LocalRuntime(Options o) throws IOException {
        Path data = Files.createDirectories(o.data());
        clock = new LocalClock(InstantSource.system(), data);
        scheduler = new LocalScheduler(data);
        dynamo = LocalDynamo.start(o.repo().resolve("emulators"), data);
        queues = LocalQueues.start();
        DynamoDbClient ddb = local(DynamoDbClient.builder(), dynamo.endpoint).build();
        SqsClient sqs = local(SqsClient.builder(), queues.endpoint).build();
        LocalDynamo.ensureTable(ddb, TABLE);
        queues.createQueues(sqs);

        Config config = new Config(Map.of(Config.TABLE_NAME, TABLE, Config.ARBITRATION_QUEUE_URL, queues.arbitrationQueue,
                Config.REFUND_QUEUE_URL, queues.refundQueue));
        Wiring wiring = Wiring.of(ddb, sqs, scheduler, config, clock, Policies.from(new Config(System.getenv())));
        deadlines = new DeadlineHandler(wiring);
        sweeper = new SweeperHandler(wiring);
        ArbitrationIntakeHandler intake = new ArbitrationIntakeHandler(wiring);

        Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byClass = new HashMap<>();
        List<Gateway.Bound> bound = new ArrayList<>();
        for (TemplateRoutes.Route r : TemplateRoutes.routes(TemplateRoutes.load(o.repo().resolve("template.yaml")))) {
            bound.add(new Gateway.Bound(r, byClass.computeIfAbsent(r.handlerClass(), c -> apiHandler(c, wiring))));
        }
        LocalTokens tokens = new LocalTokens(data);
        gateway = new Gateway(o.port(), bound, tokens, InstantSource.system());
        devEndpoints(tokens);

        // ElasticMQ keeps messages in memory: escalations sent before a crash are sent again (intake is idempotent)
        resendUnopenedEscalations(wiring, new SqsArbitrationQueue(sqs, queues.arbitrationQueue));
        queues.poll(sqs, queues.arbitrationQueue, event -> intake.handleRequest(event, null), "arbitration-poller");
        queues.poll(sqs, queues.refundQueue, LocalRuntime::paymentSystem, "refund-poller");
        gateway.start();
        ticker.scheduleWithFixedDelay(this::fireDueTriggers, 0, 250, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::sweep, 0, o.sweepSeconds(), TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        List<String> list = new ArrayList<>(List.of(args));
        String command = list.isEmpty() || list.getFirst().startsWith("--") ? "run" : list.removeFirst();
        switch (command) {
            case "run" -> run(Options.parse(list));
            case "token" -> System.out.println(token(list));
            default -> {
                System.err.println("usage: local-runtime [run|token] [options]; see README.md");
                System.exit(2);
            }
        }
    }

    private static void run(Options options) {
        long start = System.nanoTime();
        LocalRuntime runtime;
        try {
            runtime = new LocalRuntime(options);
        } catch (IOException | RuntimeException e) {
            // parts already started (ElasticMQ's threads, dynalite) must not keep a failed start hanging
            System.err.println("the local runtime could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-shutdown"));
        System.out.printf("""
                After-sales local runtime ready in %d ms
                  HTTP API    http://127.0.0.1:%d  (routes from template.yaml, JWT bearer tokens)
                  tokens      POST /_local/token {"role":"buyer","sub":"buyer-42"}  or  local-runtime token --role buyer --sub buyer-42
                  clock       GET /_local/clock, POST /_local/clock/advance {"by":"P5D"}  (now %s)
                  data        %s
                """, (System.nanoTime() - start) / 1_000_000, runtime.gateway.port(), runtime.clock.instant(),
                options.data());
        System.out.flush();
    }

    private static String token(List<String> args) {
        String role = null;
        String sub = null;
        Path data = Path.of(".local-data");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--role" -> role = args.get(++i);
                case "--sub" -> sub = args.get(++i);
                case "--data" -> data = Path.of(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        if (role == null || sub == null) {
            throw new IllegalArgumentException("token needs --role and --sub");
        }
        return new LocalTokens(data.toAbsolutePath()).issue(role, sub, Instant.now());
    }

    int port() {
        return gateway.port();
    }

    private void devEndpoints(LocalTokens tokens) {
        gateway.dev("GET /_local/health", x -> "{\"status\":\"ok\"}");
        gateway.dev("GET /_local/clock", x -> clockState());
        gateway.dev("POST /_local/clock/advance", x -> {
            JsonValue body = bodyOf(x);
            Duration by;
            try {
                by = Duration.parse(body.path("by").asText(""));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("body must be {\"by\": ISO-8601 duration such as \"P5D\" or \"PT1H\"}");
            }
            travel(by);
            return clockState();
        });
        gateway.dev("POST /_local/token", x -> {
            JsonValue body = bodyOf(x);
            String role = body.path("role").asText("");
            String sub = body.path("sub").asText("");
            if (!List.of("buyer", "seller", "arbitrator", "platform").contains(role) || sub.isBlank()) {
                throw new IllegalArgumentException("body must be {\"role\": buyer|seller|arbitrator|platform, \"sub\": id}");
            }
            return Gateway.json("token", tokens.issue(role, sub, Instant.now()));
        });
    }

    private static JsonValue bodyOf(com.sun.net.httpserver.HttpExchange x) {
        try {
            return Json.parse(Optional.of(Gateway.body(x)).filter(b -> !b.isBlank()).orElse("{}"));
        } catch (UncheckedIOException malformed) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    /**
     * Moves the shared clock forward, stopping at every trigger on the way so each deadline acts at its own
     * instant and in order, then lets the sweeper look once at the end.
     */
    synchronized void travel(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time travel goes forward only");
        }
        Instant target = clock.instant().plus(by);
        for (LocalScheduler.Trigger next : scheduler.due(target)) {
            Duration step = Duration.between(clock.instant(), next.at());
            if (step.isPositive()) {
                clock.advance(step);
            }
            fireDueTriggers();
        }
        Duration rest = Duration.between(clock.instant(), target);
        if (rest.isPositive()) {
            clock.advance(rest);
        }
        fireDueTriggers();
        sweep();
    }

    private String clockState() {
        var n = Json.object();
        n.put("now", clock.instant().toString());
        n.put("offset", clock.offset().toString());
        var pending = n.putArray("pendingTriggers");
        scheduler.pending().forEach(t -> pending.addObject().put("at", t.at().toString())
                .put("disputeId", t.disputeId()).put("kind", t.kind()));
        return Json.write(n);
    }

    private synchronized void fireDueTriggers() {
        try {
            scheduler.fireDue(clock.instant(), payload -> invoke(out -> deadlines.handleRequest(
                    new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deadline trigger failed; the sweeper will apply it", e);
        }
    }

    private synchronized void sweep() {
        try {
            invoke(out -> sweeper.handleRequest(new ByteArrayInputStream(new byte[0]), out, null));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweep failed", e);
        }
    }

    private interface StreamCall {
        void call(ByteArrayOutputStream out) throws IOException;
    }

    private static String invoke(StreamCall call) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            call.call(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stands in for the payment system: takes each refund instruction once and logs it. */
    private static SQSBatchResponse paymentSystem(com.amazonaws.services.lambda.runtime.events.SQSEvent event) {
        event.getRecords().forEach(m -> LOG.info("payment system received refund instruction " + m.getBody()));
        return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private static void resendUnopenedEscalations(Wiring wiring, SqsArbitrationQueue queue) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<Order> page = wiring.orders().openCases(cursor, 100);
            page.items().forEach(order -> order.openDispute().flatMap(Dispute::awaitingIntake).ifPresent(queue::send));
            cursor = page.next();
        } while (cursor.isPresent());
    }

    /** The API handler named in the template, built with the local wiring (the constructor tests use too). */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> apiHandler(String className,
                                                                                             Wiring wiring) {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(className)
                    .getConstructor(Wiring.class).newInstance(wiring);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("template.yaml names handler " + className
                    + ", which has no public constructor taking the wiring", e);
        }
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder, URI endpoint) {
        builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
        return builder;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        gateway.close();
        queues.close();
        dynamo.close();
    }
}
