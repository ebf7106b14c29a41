package aftersales.functions.aws;

import aftersales.domain.RefundInstruction;
import aftersales.functions.effects.RefundQueue;
import aftersales.functions.json.EffectJson;
import aftersales.functions.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Refund instructions on a FIFO queue: the instruction id is the deduplication id, so a republish within
 * SQS's window is dropped, and the payment system keys on the same id for the rest.
 */
public final class SqsRefundQueue implements RefundQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRefundQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(RefundInstruction instruction) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(Json.write(EffectJson.refund(instruction)))
                .messageGroupId(instruction.disputeId().orderId())
                // ids are "{orderId}~{n}.refund": at most 72 characters SQS allows in a deduplication id
                .messageDeduplicationId(instruction.id()));
    }
}
