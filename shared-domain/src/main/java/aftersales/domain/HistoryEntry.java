package aftersales.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One line of a dispute's history: who did what, when. The system's own actions are entries too. */
public record HistoryEntry(Instant at, Role role, String actorId, Action action, Map<String, String> details) {

    /** What happened, in the words of RULES.md. */
    public enum Action {
        APPLICATION_FILED,
        APPLICATION_MODIFIED,
        SELLER_ACCEPTED,
        SELLER_REJECTED,
        COUNTER_PROPOSAL_ACCEPTED,
        ESCALATED,
        CANCELLED,
        EVIDENCE_ADDED,
        SELLER_RESPONSE_TIMED_OUT,
        ARBITRATION_CASE_OPENED,
        RULED
    }

    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
