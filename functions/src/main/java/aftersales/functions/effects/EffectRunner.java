package aftersales.functions.effects;

import aftersales.domain.Effect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Performs owed side effects after the state change that owes them was stored. Each effect is idempotent by
 * its id, so running one twice (a retry, the sweeper) does no harm; one that fails stays owed for the sweeper.
 */
public final class EffectRunner {

    private static final Logger LOG = Logger.getLogger(EffectRunner.class.getName());

    private final DeadlineScheduler scheduler;
    private final ArbitrationQueue arbitration;
    private final RefundQueue refunds;
    private final Ledger ledger;

    public EffectRunner(DeadlineScheduler scheduler, ArbitrationQueue arbitration, RefundQueue refunds, Ledger ledger) {
        this.scheduler = scheduler;
        this.arbitration = arbitration;
        this.refunds = refunds;
        this.ledger = ledger;
    }

    /** Runs each effect; returns the ids of those done. */
    public List<String> run(Collection<Effect> effects) {
        List<String> done = new ArrayList<>();
        for (Effect effect : effects) {
            try {
                perform(effect);
                done.add(effect.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "effect " + effect.id() + " left for the sweeper: " + e.getClass().getSimpleName());
            }
        }
        return done;
    }

    private void perform(Effect effect) {
        switch (effect) {
            case Effect.ScheduleDeadline s -> scheduler.schedule(s.disputeId(), s.deadline());
            case Effect.CancelDeadline c -> scheduler.cancel(c.disputeId(), c.deadline());
            case Effect.SendToArbitration a -> arbitration.send(a);
            case Effect.IssueRefund r -> {
                ledger.recordRefund(r.instruction());
                refunds.publish(r.instruction());
            }
            case Effect.RecordPenalty p -> ledger.recordPenalty(p.penalty());
        }
    }
}
