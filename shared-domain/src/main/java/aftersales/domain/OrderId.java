package aftersales.domain;

/** The shape of an order id: letters, digits, '-' and '_', 1 to 64 characters, so it is safe in paths and keys. */
public final class OrderId {
    private OrderId() {
    }

    public static boolean isValid(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{1,64}");
    }
}
