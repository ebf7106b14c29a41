package aftersales.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one command at one instant: the order as it now is, the side effects owed, and the refusal
 * if the command was not allowed. A refused command can still come with changes: deadlines that were due
 * took effect before the command was judged, and those must be stored too.
 */
public record Decision(Order order, boolean changed, List<Effect> effects, Optional<Refusal> refusal) {

    public Decision {
        Objects.requireNonNull(order, "order");
        effects = List.copyOf(effects);
        Objects.requireNonNull(refusal, "refusal");
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
