package aftersales.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A dispute is the n-th application on one order, written {@code orderId~n}. The order id inside it lets
 * a store find the order (and with it the dispute) in one read.
 */
public record DisputeId(String orderId, int number) {

    private static final char SEPARATOR = '~';

    public DisputeId {
        Objects.requireNonNull(orderId, "orderId");
        if (!OrderId.isValid(orderId) || number < 1) {
            throw new IllegalArgumentException("bad dispute id: " + orderId + SEPARATOR + number);
        }
    }

    public static Optional<DisputeId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int sep = text.lastIndexOf(SEPARATOR);
        if (sep <= 0 || sep == text.length() - 1 || text.length() - sep > 4) {
            return Optional.empty();
        }
        String order = text.substring(0, sep);
        String n = text.substring(sep + 1);
        if (!OrderId.isValid(order) || !n.matches("[1-9][0-9]{0,2}")) {
            return Optional.empty();
        }
        return Optional.of(new DisputeId(order, Integer.parseInt(n)));
    }

    @Override
    public String toString() {
        return orderId + SEPARATOR + number;
    }
}
