package aftersales.functions.store;

import aftersales.domain.Effect;
import aftersales.domain.Order;
import java.util.Map;
import java.util.Optional;

/**
 * An order as read: the value, the version its next write is conditioned on, the side effects still owed, and
 * the instant the due index holds for it (as stored).
 */
public record StoredOrder(Order order, long version, Map<String, Effect> pending, Optional<String> dueAt) {
    public StoredOrder {
        pending = Map.copyOf(pending);
    }
}
