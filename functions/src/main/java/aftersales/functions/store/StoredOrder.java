package aftersales.functions.store;

import aftersales.domain.Effect;
import aftersales.domain.Order;
import java.util.Map;

/** An order as read: the value, the version its next write is conditioned on, and side effects still owed. */
public record StoredOrder(Order order, long version, Map<String, Effect> pending) {
    public StoredOrder {
        pending = Map.copyOf(pending);
    }
}
