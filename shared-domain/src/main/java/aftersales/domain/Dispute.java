package aftersales.domain;

import aftersales.domain.DisputeState.AwaitingBuyer;
import aftersales.domain.DisputeState.AwaitingSeller;
import aftersales.domain.DisputeState.Escalated;
import aftersales.domain.DisputeState.InArbitration;
import aftersales.domain.DisputeState.Resolved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One refund application and everything that followed it. Immutable: every change makes a new value.
 *
 * @param policy         the policy in force when it was filed; all its deadlines come from this one
 * @param escalatesAt    Rule 3's automatic escalation instant, fixed at the first filing
 * @param escalatesOn    which clock {@code escalatesAt} came from (negotiation period or delivery time limit)
 * @param rejection      the seller's latest rejection, cleared when the buyer modifies
 */
public record Dispute(
        DisputeId id,
        Policy policy,
        Instant firstFiledAt,
        Proposal proposal,
        Optional<SellerRejection> rejection,
        DisputeState state,
        Instant escalatesAt,
        EscalationBasis escalatesOn,
        List<Evidence> evidence,
        List<HistoryEntry> history) {

    public Dispute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(firstFiledAt, "firstFiledAt");
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(escalatesAt, "escalatesAt");
        Objects.requireNonNull(escalatesOn, "escalatesOn");
        evidence = List.copyOf(evidence);
        history = List.copyOf(history);
    }

    public boolean isOpen() {
        return !(state instanceof Resolved);
    }

    public Optional<Resolution> resolution() {
        return state instanceof Resolved(Resolution r) ? Optional.of(r) : Optional.empty();
    }

    public DisputeStatus status() {
        return switch (state) {
            case AwaitingSeller s -> DisputeStatus.AWAITING_SELLER_RESPONSE;
            case AwaitingBuyer b -> DisputeStatus.AWAITING_BUYER;
            case Escalated e -> DisputeStatus.ESCALATED;
            case InArbitration a -> DisputeStatus.IN_ARBITRATION;
            case Resolved r -> DisputeStatus.RESOLVED;
        };
    }

    /** Whose move it is; {@code Optional.empty()} once resolved. An escalated dispute waits for the platform's intake. */
    public Optional<Role> whoseTurn() {
        return switch (state) {
            case AwaitingSeller s -> Optional.of(Role.SELLER);
            case AwaitingBuyer b -> Optional.of(Role.BUYER);
            case Escalated e -> Optional.of(Role.PLATFORM);
            case InArbitration a -> Optional.of(Role.ARBITRATOR);
            case Resolved r -> Optional.empty();
        };
    }

    /** The deadlines that will act on their own unless something happens first, in application order. */
    public List<Deadline> openDeadlines() {
        Deadline escalation = new Deadline(DeadlineKind.ESCALATION, escalatesAt);
        List<Deadline> open = switch (state) {
            case AwaitingSeller(Instant sellerDeadline) ->
                    List.of(new Deadline(DeadlineKind.SELLER_RESPONSE, sellerDeadline), escalation);
            case AwaitingBuyer b -> List.of(escalation);
            case Escalated e -> List.of();
            case InArbitration a -> List.of();
            case Resolved r -> List.of();
        };
        return open.stream().sorted(Deadline.APPLICATION_ORDER).toList();
    }

    /** Rule 4 (default): the earliest instant an arbitrator may rule, once the case is open. */
    public Optional<Instant> rulingAllowedFrom() {
        if (!(state instanceof InArbitration a)) {
            return Optional.empty();
        }
        if (bothPartiesGaveEvidenceSince(a.escalatedAt())) {
            return Optional.of(a.caseOpenedAt());
        }
        return Optional.of(a.caseOpenedAt().plus(policy.evidencePeriod()));
    }

    /** The queue message an escalated dispute waits on, while its case is not open: what a re-send sends. */
    public Optional<Effect.SendToArbitration> awaitingIntake() {
        return state instanceof Escalated(EscalationBasis basis, Instant at)
                ? Optional.of(new Effect.SendToArbitration(id, basis, at)) : Optional.empty();
    }

    boolean bothPartiesGaveEvidenceSince(Instant since) {
        boolean buyer = false;
        boolean seller = false;
        for (Evidence e : evidence) {
            if (!e.at().isBefore(since)) {
                buyer |= e.party() == Role.BUYER;
                seller |= e.party() == Role.SELLER;
            }
        }
        return buyer && seller;
    }

    long evidenceCountOf(Role party) {
        return evidence.stream().filter(e -> e.party() == party).count();
    }

    // ---- changes ----

    Dispute withState(DisputeState next) {
        return new Dispute(id, policy, firstFiledAt, proposal, rejection, next, escalatesAt, escalatesOn, evidence, history);
    }

    Dispute withProposal(Proposal next) {
        return new Dispute(id, policy, firstFiledAt, next, Optional.empty(), state, escalatesAt, escalatesOn, evidence, history);
    }

    Dispute withRejection(SellerRejection r) {
        return new Dispute(id, policy, firstFiledAt, proposal, Optional.of(r), state, escalatesAt, escalatesOn, evidence, history);
    }

    Dispute withEvidence(Evidence e) {
        List<Evidence> more = new ArrayList<>(evidence);
        more.add(e);
        return new Dispute(id, policy, firstFiledAt, proposal, rejection, state, escalatesAt, escalatesOn, more, history);
    }

    Dispute record(HistoryEntry entry) {
        List<HistoryEntry> more = new ArrayList<>(history);
        more.add(entry);
        return new Dispute(id, policy, firstFiledAt, proposal, rejection, state, escalatesAt, escalatesOn, evidence, more);
    }
}
