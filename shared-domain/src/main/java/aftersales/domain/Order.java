package aftersales.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One purchase and its after-sales life: shipments, receipt, refunds made so far, its disputes and its
 * evaluation. The order is the unit of consistency: one open dispute per order and the application limit
 * hold because every change to an order and its disputes is one value written at once.
 *
 * <p>Create one with {@link OrderDesk#register}; change it only through {@link OrderDesk#decide}.
 */
public record Order(
        String id,
        String buyerId,
        String sellerId,
        Money amountPaid,
        int deliveryTimeLimitDays,
        Instant registeredAt,
        List<Shipment> shipments,
        Optional<Instant> fullyShippedAt,
        Optional<Instant> receiptConfirmedAt,
        Money refunded,
        List<Dispute> disputes,
        Optional<Evaluation> evaluation) {

    public static final int MAX_DELIVERY_TIME_LIMIT_DAYS = 365;

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(registeredAt, "registeredAt");
        shipments = List.copyOf(shipments);
        Objects.requireNonNull(fullyShippedAt, "fullyShippedAt");
        Objects.requireNonNull(receiptConfirmedAt, "receiptConfirmedAt");
        Objects.requireNonNull(refunded, "refunded");
        disputes = List.copyOf(disputes);
        Objects.requireNonNull(evaluation, "evaluation");
        if (refunded.isGreaterThan(amountPaid)) {
            throw new IllegalStateException("refunded more than paid on order " + id);
        }
    }

    public Duration deliveryTimeLimit() {
        return Duration.ofDays(deliveryTimeLimitDays);
    }

    /** Paid minus refunds already made. */
    public Money refundable() {
        return amountPaid.minus(refunded);
    }

    /** The instant the delivery time limit runs out: all goods shipped plus the limit. */
    public Optional<Instant> deliveryTimeLimitExpiresAt() {
        return fullyShippedAt.map(t -> t.plus(deliveryTimeLimit()));
    }

    /** Protection ends when the delivery time limit runs out, or at the buyer's receipt if earlier. */
    public Optional<Instant> protectionEndsAt() {
        return deliveryTimeLimitExpiresAt().map(limit ->
                receiptConfirmedAt.filter(r -> r.isBefore(limit)).orElse(limit));
    }

    /** Rule 1: the first instant a buyer may apply. */
    public Optional<Instant> applicationWindowOpensAt(Policy policy) {
        return fullyShippedAt.map(t -> deliveryTimeLimit().compareTo(policy.immediateBelowDeliveryLimit()) < 0
                ? t
                : t.plus(policy.applicationDelayAfterShipment()));
    }

    /** Rule 1 (default): the first instant a buyer may no longer apply. */
    public Optional<Instant> applicationWindowClosesAt(Policy policy) {
        return protectionEndsAt().map(t -> t.plus(policy.windowAfterProtection()));
    }

    public Optional<Dispute> openDispute() {
        return disputes.stream().filter(Dispute::isOpen).findFirst();
    }

    public Optional<Dispute> dispute(DisputeId disputeId) {
        if (!disputeId.orderId().equals(id) || disputeId.number() > disputes.size()) {
            return Optional.empty();
        }
        return Optional.of(disputes.get(disputeId.number() - 1));
    }

    /** Complete: all shipped, received or protection over, and no dispute open. Only then may it be evaluated. */
    public boolean isComplete(Instant now) {
        return protectionEndsAt().map(end -> !end.isAfter(now)).orElse(false) && openDispute().isEmpty();
    }

    /** Whether the actor is this order's buyer or seller (arbitrators, the platform and the system are not parties). */
    public boolean isParty(Actor actor) {
        return switch (actor.role()) {
            case BUYER -> buyerId.equals(actor.id());
            case SELLER -> sellerId.equals(actor.id());
            case ARBITRATOR, PLATFORM, SYSTEM -> false;
        };
    }

    // ---- changes ----

    Order withShipment(Shipment s, boolean allGoodsShipped, Instant now) {
        List<Shipment> more = new ArrayList<>(shipments);
        more.add(s);
        return new Order(id, buyerId, sellerId, amountPaid, deliveryTimeLimitDays, registeredAt, more,
                allGoodsShipped ? Optional.of(now) : fullyShippedAt, receiptConfirmedAt, refunded, disputes, evaluation);
    }

    Order withReceiptConfirmed(Instant now) {
        return new Order(id, buyerId, sellerId, amountPaid, deliveryTimeLimitDays, registeredAt, shipments,
                fullyShippedAt, Optional.of(now), refunded, disputes, evaluation);
    }

    Order withEvaluation(Evaluation e) {
        return new Order(id, buyerId, sellerId, amountPaid, deliveryTimeLimitDays, registeredAt, shipments,
                fullyShippedAt, receiptConfirmedAt, refunded, disputes, Optional.of(e));
    }

    Order withRefunded(Money more) {
        return new Order(id, buyerId, sellerId, amountPaid, deliveryTimeLimitDays, registeredAt, shipments,
                fullyShippedAt, receiptConfirmedAt, refunded.plus(more), disputes, evaluation);
    }

    Order withDispute(Dispute d) {
        List<Dispute> next = new ArrayList<>(disputes);
        if (d.id().number() == disputes.size() + 1) {
            next.add(d);
        } else {
            next.set(d.id().number() - 1, d);
        }
        return new Order(id, buyerId, sellerId, amountPaid, deliveryTimeLimitDays, registeredAt, shipments,
                fullyShippedAt, receiptConfirmedAt, refunded, next, evaluation);
    }
}
