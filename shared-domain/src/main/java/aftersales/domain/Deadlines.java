package aftersales.domain;

import aftersales.domain.HistoryEntry.Action;
import java.time.Instant;
import java.util.Optional;

/**
 * Deadlines are a function of time, not of the timer: whoever looks at an order at {@code now} first sees
 * every due deadline applied, each at its own instant, earliest first (ties: Rule 2 before Rule 3).
 */
final class Deadlines {

    private Deadlines() {
    }

    static Step applyDue(Order order, Instant now) {
        Step step = Step.of(order);
        while (true) {
            Optional<Dispute> open = step.order().openDispute();
            if (open.isEmpty()) {
                return step;
            }
            Dispute d = open.get();
            Optional<Deadline> due = d.openDeadlines().stream().filter(x -> x.isDueAt(now)).findFirst();
            if (due.isEmpty()) {
                return step;
            }
            step = step.then(fire(step.order(), d, due.get()));
        }
    }

    private static Step fire(Order order, Dispute d, Deadline deadline) {
        Instant at = deadline.at();
        return switch (deadline.kind()) {
            case SELLER_RESPONSE -> Transitions.resolve(order, d, ResolutionBasis.SELLER_RESPONSE_TIMEOUT,
                    d.proposal().amount(), at, Optional.empty(), new HistoryEntry(at, Role.SYSTEM, Actor.SYSTEM.id(),
                            Action.SELLER_RESPONSE_TIMED_OUT,
                            OrderDesk.details("deadline", at, "refund", d.proposal().amount().minorUnits(),
                                    "currency", d.proposal().amount().currency().getCurrencyCode())));
            case ESCALATION -> Transitions.escalate(order, d, d.escalatesOn(), at, Actor.SYSTEM);
        };
    }
}
