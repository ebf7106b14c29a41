package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A side effect a transition owes. The domain only names it; adapters perform it after the state change
 * and the owed effects are stored together. Each has a stable {@link #id()} so performing it twice is harmless.
 */
public sealed interface Effect {

    String id();

    /** Make sure the deadline also acts when nobody is looking. */
    record ScheduleDeadline(DisputeId disputeId, Deadline deadline) implements Effect {
        public ScheduleDeadline {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(deadline, "deadline");
        }

        @Override
        public String id() {
            return disputeId + "/schedule/" + deadline.kind() + "/" + deadline.at().getEpochSecond();
        }
    }

    /** A deadline no longer applies before it was due; its trigger can go. */
    record CancelDeadline(DisputeId disputeId, Deadline deadline) implements Effect {
        public CancelDeadline {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(deadline, "deadline");
        }

        @Override
        public String id() {
            return disputeId + "/cancel/" + deadline.kind() + "/" + deadline.at().getEpochSecond();
        }
    }

    /** Rule 4: put the escalated dispute on the arbitration queue. */
    record SendToArbitration(DisputeId disputeId, EscalationBasis basis, Instant escalatedAt) implements Effect {
        public SendToArbitration {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(escalatedAt, "escalatedAt");
        }

        @Override
        public String id() {
            return disputeId + "/arbitration";
        }
    }

    /** Exactly one per resolution with a non-zero refund. */
    record IssueRefund(RefundInstruction instruction) implements Effect {
        public IssueRefund {
            Objects.requireNonNull(instruction, "instruction");
        }

        @Override
        public String id() {
            return instruction.id();
        }
    }

    /** Rule 4: a violation ruling penalises the seller in the same step. */
    record RecordPenalty(Penalty penalty) implements Effect {
        public RecordPenalty {
            Objects.requireNonNull(penalty, "penalty");
        }

        @Override
        public String id() {
            return penalty.id();
        }
    }
}
