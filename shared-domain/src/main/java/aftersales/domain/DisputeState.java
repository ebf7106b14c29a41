package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/** Where a dispute stands. A closed set: a new state fails compilation wherever states are handled. */
public sealed interface DisputeState {

    /** The buyer filed or modified; the seller must accept or reject by {@code deadline} (Rule 2). */
    record AwaitingSeller(Instant deadline) implements DisputeState {
        public AwaitingSeller {
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** The seller rejected; the buyer may escalate, modify, accept a counter-proposal or cancel (Rule 3). */
    record AwaitingBuyer() implements DisputeState {
    }

    /** Handed to the arbitration queue; waiting for the case to be opened (Rule 4). */
    record Escalated(EscalationBasis basis, Instant at) implements DisputeState {
        public Escalated {
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(at, "at");
        }
    }

    /** An arbitration case is open; evidence until the ruling. */
    record InArbitration(EscalationBasis basis, Instant escalatedAt, Instant caseOpenedAt) implements DisputeState {
        public InArbitration {
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(escalatedAt, "escalatedAt");
            Objects.requireNonNull(caseOpenedAt, "caseOpenedAt");
        }
    }

    /** Ended: exactly one resolution per dispute. */
    record Resolved(Resolution resolution) implements DisputeState {
        public Resolved {
            Objects.requireNonNull(resolution, "resolution");
        }
    }
}
