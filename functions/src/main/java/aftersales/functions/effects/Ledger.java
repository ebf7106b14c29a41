package aftersales.functions.effects;

import aftersales.domain.Penalty;
import aftersales.domain.RefundInstruction;

/**
 * The durable record of money and penalties: one entry per instruction id and per penalty id, however often
 * recorded. The payment system reads refund instructions from here as well as from its queue.
 */
public interface Ledger {

    void recordRefund(RefundInstruction instruction);

    void recordPenalty(Penalty penalty);
}
