package aftersales.functions.aws;

import aftersales.domain.Effect.SendToArbitration;
import aftersales.functions.effects.ArbitrationQueue;
import aftersales.functions.json.EffectJson;
import aftersales.functions.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The arbitration queue (standard SQS with a DLQ). Duplicates are harmless: the intake is idempotent per dispute. */
public final class SqsArbitrationQueue implements ArbitrationQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsArbitrationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(SendToArbitration escalation) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(EffectJson.arbitrationMessage(escalation))));
    }
}
