package aftersales.functions.effects;

import aftersales.domain.RefundInstruction;

/**
 * Where the payment system takes refund instructions from. Publishing the same instruction twice must not
 * make two payments: the instruction id is the deduplication key end to end.
 */
public interface RefundQueue {

    void publish(RefundInstruction instruction);
}
