package aftersales.functions.store;

/** The order would no longer fit in its item with room to spare for the system's own records. */
public final class RecordFull extends RuntimeException {
    public RecordFull(String orderId) {
        super("order " + orderId + " has no room left in its record", null, false, false);
    }
}
