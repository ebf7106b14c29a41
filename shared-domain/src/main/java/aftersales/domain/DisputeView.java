package aftersales.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller sees of one dispute at one instant: status, whose turn, every open deadline, what this caller
 * may do now, the current proposals, the evidence, the full history and the resolution once closed.
 */
public record DisputeView(
        DisputeId id,
        String orderId,
        String buyerId,
        String sellerId,
        String policyVersion,
        DisputeStatus status,
        Optional<Role> whoseTurn,
        List<Deadline> deadlines,
        List<CallerAction> allowedActions,
        Proposal proposal,
        Optional<SellerRejection> rejection,
        Instant firstFiledAt,
        Instant escalatesAt,
        EscalationBasis escalatesOn,
        Optional<Instant> rulingAllowedFrom,
        Money refundable,
        List<Evidence> evidence,
        List<HistoryEntry> history,
        Optional<Resolution> resolution) {

    public DisputeView {
        Objects.requireNonNull(id, "id");
        deadlines = List.copyOf(deadlines);
        allowedActions = List.copyOf(allowedActions);
        evidence = List.copyOf(evidence);
        history = List.copyOf(history);
    }

    /**
     * The view for {@code viewer}, or empty when the viewer may not know the dispute exists (buyers and sellers
     * see their own orders only; arbitrators and the platform see all). Due deadlines are applied first.
     */
    public static Optional<DisputeView> of(Order stored, DisputeId id, Actor viewer, Instant now) {
        if (!mayView(stored, viewer)) {
            return Optional.empty();
        }
        Order order = OrderDesk.at(stored, now);
        return order.dispute(id).map(d -> new DisputeView(
                d.id(), order.id(), order.buyerId(), order.sellerId(), d.policy().version(), d.status(),
                d.whoseTurn(), d.openDeadlines(), Rules.allowedDisputeActions(order, d, viewer, now), d.proposal(),
                d.rejection(), d.firstFiledAt(), d.escalatesAt(), d.escalatesOn(), d.rulingAllowedFrom(),
                order.refundable(), d.evidence(), d.history(), d.resolution()));
    }

    public static boolean mayView(Order order, Actor viewer) {
        return switch (viewer.role()) {
            case BUYER, SELLER -> order.isParty(viewer);
            case ARBITRATOR, PLATFORM, SYSTEM -> true;
        };
    }
}
