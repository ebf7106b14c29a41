package aftersales.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything that can be asked of an order and its disputes. Who asks travels beside it as an {@link Actor}. */
public sealed interface Command {

    /** Commands aimed at one dispute of the order. */
    sealed interface OnDispute extends Command {
        DisputeId disputeId();
    }

    // ---- orders ----

    /** Seller: one parcel's express delivery form; {@code allGoodsShipped} marks the order fully shipped. */
    record RecordShipment(String carrier, String trackingNumber, Instant shippedAt, boolean allGoodsShipped)
            implements Command {
        public RecordShipment {
            Objects.requireNonNull(carrier, "carrier");
            Objects.requireNonNull(trackingNumber, "trackingNumber");
            Objects.requireNonNull(shippedAt, "shippedAt");
        }
    }

    /** Buyer: the goods arrived; ends the protection period early. */
    record ConfirmReceipt() implements Command {
    }

    /** Buyer: one 1–5 star evaluation of a complete order. */
    record Evaluate(int stars, String comment) implements Command {
        public Evaluate {
            Objects.requireNonNull(comment, "comment");
        }
    }

    /** Buyer: file a refund application (opens a dispute). */
    record ApplyForRefund(RefundReason reason, Money amount, boolean returnGoods, String description,
                          List<String> attachments) implements Command {
        public ApplyForRefund {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
            attachments = List.copyOf(attachments);
        }
    }

    /** The system: apply every deadline that is due, and nothing else. */
    record ApplyDueDeadlines() implements Command {
    }

    // ---- disputes ----

    /** Buyer: change the application; restarts the seller's clock (Rule 2), not the escalation clock (Rule 3). */
    record ModifyApplication(DisputeId disputeId, RefundReason reason, Money amount, boolean returnGoods,
                             String description) implements OnDispute {
        public ModifyApplication {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
        }
    }

    /** Seller: accept the buyer's proposal; an agreement. */
    record AcceptProposal(DisputeId disputeId) implements OnDispute {
        public AcceptProposal {
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    /** Seller: reject, with a reason, optional evidence and optionally a counter-proposal amount. */
    record RejectProposal(DisputeId disputeId, String reason, Optional<Money> counterProposal,
                          List<String> attachments) implements OnDispute {
        public RejectProposal {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(counterProposal, "counterProposal");
            attachments = List.copyOf(attachments);
        }
    }

    /** Buyer: accept the seller's counter-proposal; an agreement. */
    record AcceptCounterProposal(DisputeId disputeId) implements OnDispute {
        public AcceptCounterProposal {
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    /** Buyer: hand the dispute to platform arbitration, after a rejection. */
    record Escalate(DisputeId disputeId) implements OnDispute {
        public Escalate {
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    /** Buyer: withdraw the application. */
    record CancelDispute(DisputeId disputeId) implements OnDispute {
        public CancelDispute {
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    /** Buyer or seller: add evidence, until the dispute is resolved. */
    record AddEvidence(DisputeId disputeId, String description, List<String> attachments) implements OnDispute {
        public AddEvidence {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(description, "description");
            attachments = List.copyOf(attachments);
        }
    }

    /** The system (arbitration intake): open the arbitration case of an escalated dispute. Repeats change nothing. */
    record OpenArbitrationCase(DisputeId disputeId) implements OnDispute {
        public OpenArbitrationCase {
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    /** Arbitrator: the one-time ruling. A present {@code violation} is the reason for the seller's penalty. */
    record Rule(DisputeId disputeId, Money refund, Optional<String> violation, String statement) implements OnDispute {
        public Rule {
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(refund, "refund");
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(statement, "statement");
        }
    }
}
