package aftersales.functions.effects;

import aftersales.domain.Deadline;
import aftersales.domain.DeadlineKind;
import aftersales.domain.DisputeId;
import java.time.Instant;

/**
 * The payload a deadline trigger carries to the deadline handler (the Scheduler target's Input).
 * Informational only: the handler applies whatever is due at its own clock's instant.
 */
public record DeadlineTrigger(String disputeId, String kind, String at) {

    public static DeadlineTrigger of(DisputeId disputeId, Deadline deadline) {
        return new DeadlineTrigger(disputeId.toString(), deadline.kind().name(), deadline.at().toString());
    }

    /** The payload as the deadline function receives it: {"disputeId", "kind", "at"}. */
    public String toJson() {
        return aftersales.functions.json.Json.write(aftersales.functions.json.Json.object()
                .put("disputeId", disputeId).put("kind", kind).put("at", at));
    }

    public Deadline deadline() {
        return new Deadline(DeadlineKind.valueOf(kind), Instant.parse(at));
    }
}
