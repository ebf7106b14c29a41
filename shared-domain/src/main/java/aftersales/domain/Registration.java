package aftersales.domain;

/** The result of registering an order: the new order, or why not. */
public sealed interface Registration {

    record Registered(Order order) implements Registration {
    }

    record NotRegistered(Refusal refusal) implements Registration {
    }
}
