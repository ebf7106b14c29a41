package aftersales.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** A deadline of one dispute as an instant. It takes effect exactly at {@code at}: an action at that instant comes after it. */
public record Deadline(DeadlineKind kind, Instant at) {

    /** Instant order, ties broken by {@link DeadlineKind} order (Rule 2 before Rule 3). */
    public static final Comparator<Deadline> APPLICATION_ORDER =
            Comparator.comparing(Deadline::at).thenComparing(Deadline::kind);

    public Deadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    public boolean isDueAt(Instant now) {
        return !at.isAfter(now);
    }
}
