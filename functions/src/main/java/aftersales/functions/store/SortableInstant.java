package aftersales.functions.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants in key attributes must sort as strings: {@link Instant#toString()} drops zero fractions, so
 * "10:00:00Z" would sort after "10:00:00.5Z". This form always has nine fraction digits.
 */
final class SortableInstant {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableInstant() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
