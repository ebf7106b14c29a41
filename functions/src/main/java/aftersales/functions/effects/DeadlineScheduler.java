package aftersales.functions.effects;

import aftersales.domain.Deadline;
import aftersales.domain.DisputeId;

/**
 * Makes a deadline act when nobody is looking. Both calls must be safe to repeat: a schedule that already
 * exists, or is already gone, is success. A trigger that fires late or twice changes nothing, because the
 * deadline handler re-reads the dispute and applies only what is due.
 */
public interface DeadlineScheduler {

    void schedule(DisputeId disputeId, Deadline deadline);

    void cancel(DisputeId disputeId, Deadline deadline);
}
