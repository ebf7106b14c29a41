package aftersales.functions.e2e;

import aftersales.domain.Deadline;
import aftersales.domain.DisputeId;
import aftersales.functions.effects.DeadlineScheduler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stands in for EventBridge Scheduler in service tests (the real adapter has its own contract test): keeps the
 * live schedules, and can be told to fail, as the real one can.
 */
final class RecordingScheduler implements DeadlineScheduler {

    record Live(DisputeId disputeId, Deadline deadline) {
    }

    final Set<Live> live = new LinkedHashSet<>();
    final List<String> calls = new ArrayList<>();
    volatile boolean failing;

    @Override
    public synchronized void schedule(DisputeId disputeId, Deadline deadline) {
        calls.add("schedule " + disputeId + " " + deadline.kind());
        if (failing) {
            throw new IllegalStateException("scheduler unavailable");
        }
        live.add(new Live(disputeId, deadline));
    }

    @Override
    public synchronized void cancel(DisputeId disputeId, Deadline deadline) {
        calls.add("cancel " + disputeId + " " + deadline.kind());
        if (failing) {
            throw new IllegalStateException("scheduler unavailable");
        }
        live.remove(new Live(disputeId, deadline));
    }
}
