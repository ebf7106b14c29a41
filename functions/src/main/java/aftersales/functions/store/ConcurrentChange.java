package aftersales.functions.store;

/** The order changed between our read and our write; the caller re-reads and decides again. */
public final class ConcurrentChange extends RuntimeException {
    public ConcurrentChange(String orderId) {
        super("order " + orderId + " changed concurrently", null, false, false);
    }
}
