package aftersales.functions.store;

import java.util.List;
import java.util.Optional;

/** One page of a listing, with the opaque cursor of the next page if there is one. */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }
}
