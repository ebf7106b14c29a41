package aftersales.domain;

import java.util.ArrayList;
import java.util.List;

/** An order after some changes, with the side effects those changes owe. */
record Step(Order order, List<Effect> effects) {

    Step {
        effects = List.copyOf(effects);
    }

    static Step of(Order order) {
        return new Step(order, List.of());
    }

    Step then(Step next) {
        List<Effect> all = new ArrayList<>(effects);
        all.addAll(next.effects());
        return new Step(next.order(), all);
    }
}
