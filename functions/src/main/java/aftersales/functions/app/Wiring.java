package aftersales.functions.app;

import aftersales.domain.Policy;
import aftersales.functions.aws.AwsClients;
import aftersales.functions.aws.Config;
import aftersales.functions.aws.EventBridgeDeadlineScheduler;
import aftersales.functions.aws.SchedulerTarget;
import aftersales.functions.aws.SqsArbitrationQueue;
import aftersales.functions.aws.SqsRefundQueue;
import aftersales.functions.effects.ArbitrationQueue;
import aftersales.functions.effects.DeadlineScheduler;
import aftersales.functions.effects.EffectRunner;
import aftersales.functions.effects.RefundQueue;
import aftersales.functions.http.Api;
import aftersales.functions.http.CommandRoutes;
import aftersales.functions.http.QueryRoutes;
import aftersales.functions.store.DynamoLedger;
import aftersales.functions.store.DynamoOrderStore;
import aftersales.functions.store.IdempotencyStore;
import java.time.InstantSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How the parts fit together, in one place: the Lambda handlers build it from the environment, tests and the
 * local runtime from emulators and their own scheduler. Everything is built once, at init.
 */
public record Wiring(OrderService service, DynamoOrderStore orders, DynamoLedger ledger, IdempotencyStore idempotency,
                     InstantSource clock, Policy policy) {

    public static Wiring of(DynamoDbClient ddb, String table, DeadlineScheduler scheduler, ArbitrationQueue arbitration,
                            RefundQueue refunds, InstantSource clock, Policy policy) {
        DynamoOrderStore orders = new DynamoOrderStore(ddb, table);
        DynamoLedger ledger = new DynamoLedger(ddb, table);
        EffectRunner effects = new EffectRunner(scheduler, arbitration, refunds, ledger);
        return new Wiring(new OrderService(orders, effects, clock, policy), orders, ledger,
                new IdempotencyStore(ddb, table), clock, policy);
    }

    /** SQS queues by URL, deadlines on EventBridge Scheduler. */
    public static Wiring of(DynamoDbClient ddb, SqsClient sqs, DeadlineScheduler scheduler, Config config,
                            InstantSource clock, Policy policy) {
        return of(ddb, config.require(Config.TABLE_NAME), scheduler,
                new SqsArbitrationQueue(sqs, config.require(Config.ARBITRATION_QUEUE_URL)),
                new SqsRefundQueue(sqs, config.require(Config.REFUND_QUEUE_URL)), clock, policy);
    }

    /**
     * The whole service as deployed: every variable of a writing function must be set. The SQS and Scheduler
     * clients are built on first use, as many requests need neither; under SnapStart they are built during
     * the snapshot's init instead, so restored functions start with them ready.
     */
    public static Wiring fromEnvironment() {
        Config config = Config.fromEnvironment();
        AwsClients aws = AwsClients.fromEnvironment(config);
        SchedulerTarget target = new SchedulerTarget(config.require(Config.SCHEDULE_GROUP),
                config.require(Config.DEADLINE_TARGET_ARN), config.require(Config.SCHEDULER_ROLE_ARN),
                config.require(Config.DEADLINE_DLQ_ARN));
        String arbitrationUrl = config.require(Config.ARBITRATION_QUEUE_URL);
        String refundUrl = config.require(Config.REFUND_QUEUE_URL);
        Lazy<SqsClient> sqs = Lazy.of(aws::sqs);
        Lazy<DeadlineScheduler> scheduler = Lazy.of(() -> new EventBridgeDeadlineScheduler(aws.scheduler(), target));
        if (SNAP_START.equals(System.getenv(INITIALIZATION_TYPE))) {
            sqs.get();
            scheduler.get();
        }
        DeadlineScheduler deadlines = new DeadlineScheduler() {
            @Override
            public void schedule(aftersales.domain.DisputeId disputeId, aftersales.domain.Deadline deadline) {
                scheduler.get().schedule(disputeId, deadline);
            }

            @Override
            public void cancel(aftersales.domain.DisputeId disputeId, aftersales.domain.Deadline deadline) {
                scheduler.get().cancel(disputeId, deadline);
            }
        };
        Lazy<ArbitrationQueue> arbitrationQueue = Lazy.of(() -> new SqsArbitrationQueue(sqs.get(), arbitrationUrl));
        Lazy<RefundQueue> refundQueue = Lazy.of(() -> new SqsRefundQueue(sqs.get(), refundUrl));
        ArbitrationQueue arbitration = e -> arbitrationQueue.get().send(e);
        RefundQueue refunds = r -> refundQueue.get().publish(r);
        return of(aws.dynamoDb(), config.require(Config.TABLE_NAME), deadlines, arbitration, refunds,
                InstantSource.system(), Policies.from(config));
    }

    private static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    private static final String SNAP_START = "snap-start";

    /** Only what reads need: the table. */
    public static Api queryApiFromEnvironment() {
        Config config = Config.fromEnvironment();
        DynamoDbClient ddb = AwsClients.fromEnvironment(config).dynamoDb();
        String table = config.require(Config.TABLE_NAME);
        return queryApi(new DynamoOrderStore(ddb, table), new DynamoLedger(ddb, table), new IdempotencyStore(ddb, table),
                InstantSource.system(), Policies.from(config));
    }

    public Api commandApi() {
        return new CommandRoutes(service).commands(new Api(idempotency, clock));
    }

    public Api queryApi() {
        return queryApi(orders, ledger, idempotency, clock, policy);
    }

    private static Api queryApi(DynamoOrderStore orders, DynamoLedger ledger, IdempotencyStore idempotency,
                                InstantSource clock, Policy policy) {
        return new QueryRoutes(orders, ledger, clock, policy).queries(new Api(idempotency, clock));
    }
}
