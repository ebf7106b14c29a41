package aftersales.functions.app;

import aftersales.domain.Actor;
import aftersales.domain.Command;
import aftersales.domain.Decision;
import aftersales.domain.Dispute;
import aftersales.domain.Money;
import aftersales.domain.Order;
import aftersales.domain.OrderDesk;
import aftersales.domain.Policy;
import aftersales.domain.Refusal;
import aftersales.domain.RefusalCode;
import aftersales.domain.Registration;
import aftersales.functions.effects.EffectRunner;
import aftersales.functions.store.ConcurrentChange;
import aftersales.functions.store.DynamoOrderStore;
import aftersales.functions.store.RecordFull;
import aftersales.functions.store.StoredOrder;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries commands in and effects out: read the order, let the domain decide at the clock's instant, write
 * the new state with the effects it owes in one conditional write, then perform the effects. A concurrent
 * write makes it read and decide again, so two racing commands are judged one after the other.
 */
public final class OrderService {

    private static final int ATTEMPTS = 8;

    private final DynamoOrderStore store;
    private final EffectRunner effects;
    private final InstantSource clock;
    private final Policy policy;

    public OrderService(DynamoOrderStore store, EffectRunner effects, InstantSource clock, Policy policy) {
        this.store = store;
        this.effects = effects;
        this.clock = clock;
        this.policy = policy;
    }

    public InstantSource clock() {
        return clock;
    }

    public Policy policy() {
        return policy;
    }

    /** The outcome of a command: the order was not there (for this caller), or the domain's decision. */
    public sealed interface Outcome {
        record NoSuchOrder() implements Outcome {
        }

        record Decided(Decision decision, Instant at) implements Outcome {
        }

        /** Refused before any order existed (registration). */
        record Refused(Refusal refusal) implements Outcome {
        }
    }

    public Outcome register(Actor actor, String orderId, String buyerId, String sellerId, Money paid, int deliveryDays) {
        Instant now = clock.instant();
        Registration r = OrderDesk.register(actor, orderId, buyerId, sellerId, paid, deliveryDays, now);
        return switch (r) {
            case Registration.NotRegistered(Refusal refusal) -> new Outcome.Refused(refusal);
            case Registration.Registered(Order order) -> {
                if (store.create(order, now)) {
                    yield new Outcome.Decided(new Decision(order, true, List.of(), Optional.empty()), now);
                }
                // the same registration again is the same order: answer as the first time did
                Order existing = store.load(orderId).orElseThrow().order();
                boolean same = existing.buyerId().equals(buyerId) && existing.sellerId().equals(sellerId)
                        && existing.amountPaid().equals(paid) && existing.deliveryTimeLimitDays() == deliveryDays;
                yield same ? new Outcome.Decided(new Decision(existing, false, List.of(), Optional.empty()), now)
                        : new Outcome.Refused(Refusal.of(RefusalCode.ORDER_EXISTS,
                                "an order with this id exists with other details", "orderId", orderId));
            }
        };
    }

    public Outcome execute(Actor actor, String orderId, Command command) {
        return decideAndStore(orderId, actor, command).<Outcome>map(stored -> {
            finishEffects(stored.current(), stored.decision().effects(), stored.at());
            return new Outcome.Decided(stored.decision(), stored.at());
        }).orElseGet(Outcome.NoSuchOrder::new);
    }

    /**
     * The system's look at one order: apply every due deadline, and finish every side effect still owed.
     * What the deadline trigger and the sweeper do; safe to repeat any number of times.
     */
    public void settle(String orderId) {
        decideAndStore(orderId, Actor.SYSTEM, new Command.ApplyDueDeadlines()).ifPresent(stored -> {
            StoredOrder current = stored.current();
            // everything still owed, this decision's effects included (the write put them in the outbox)
            store.markDone(current, effects.run(current.pending().values()), stored.at());
            resendStalledEscalation(current.order(), stored.at());
            if (!stored.decision().changed() && current.pending().isEmpty() && store.dueIndexStale(current, stored.at())) {
                try {
                    store.save(current, current.order(), List.of(), stored.at());
                } catch (ConcurrentChange raced) {
                    // the newer write derived the index afresh
                }
            }
        });
    }

    /**
     * The command's state change is stored; its effects are owed in the outbox. If performing or marking them
     * fails now, the sweeper finishes them: the caller still gets the command's answer, so a retry with the
     * same Idempotency-Key replays it instead of running the command twice.
     */
    private void finishEffects(StoredOrder current, List<aftersales.domain.Effect> owed, Instant now) {
        try {
            store.markDone(current, effects.run(owed), now);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(OrderService.class.getName()).warning(
                    "effects of order " + current.order().id() + " left for the sweeper: " + e.getClass().getSimpleName());
        }
    }

    /**
     * An escalation whose case has not opened well after it was sent (its queue message lost or dead-lettered)
     * is sent again; the intake opens a case once however often it is asked.
     */
    private void resendStalledEscalation(Order order, Instant now) {
        order.openDispute().flatMap(Dispute::awaitingIntake)
                .filter(send -> !now.isBefore(send.escalatedAt().plus(DynamoOrderStore.INTAKE_GRACE)))
                .ifPresent(send -> effects.run(List.of(send)));
    }

    /** A decision, and the order as stored after it (its outbox holding what the decision owes). */
    private record Stored(Decision decision, StoredOrder current, Instant at) {
    }

    /** Read, decide at the clock's instant, write if anything changed; on a concurrent write, all again. */
    private Optional<Stored> decideAndStore(String orderId, Actor actor, Command command) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredOrder> loaded = store.load(orderId);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            StoredOrder stored = loaded.get();
            Instant now = clock.instant();
            Decision decision = OrderDesk.decide(stored.order(), actor, command, now, policy);
            try {
                return Optional.of(store(stored, decision, actor, now));
            } catch (RecordFull full) {
                try {
                    return Optional.of(store(stored, recordFull(stored, now), Actor.SYSTEM, now));
                } catch (ConcurrentChange raced) {
                    backOff(attempt);
                }
            } catch (ConcurrentChange raced) {
                backOff(attempt);
            }
        }
        throw new ConcurrentChange(orderId);
    }

    private Stored store(StoredOrder stored, Decision decision, Actor actor, Instant now) {
        if (!decision.changed()) {
            return new Stored(decision, stored, now);
        }
        int budget = actor.is(aftersales.domain.Role.SYSTEM) ? DynamoOrderStore.SYSTEM_BYTES : DynamoOrderStore.CALLER_BYTES;
        return new Stored(decision, store.save(stored, decision.order(), decision.effects(), now, budget), now);
    }

    /** A caller's command that would overfill the record is refused; the deadlines due now still act. */
    private Decision recordFull(StoredOrder stored, Instant now) {
        Decision due = OrderDesk.decide(stored.order(), Actor.SYSTEM, new Command.ApplyDueDeadlines(), now, policy);
        return new Decision(due.order(), due.changed(), due.effects(), Optional.of(Refusal.of(RefusalCode.RECORD_FULL,
                "this order's record has no room for more text or evidence; refer to attachments instead")));
    }

    /** Spreads racing writers apart: up to 2^attempt × 4 ms, at random (full jitter). */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << Math.min(attempt + 2, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentChange("interrupted");
        }
    }

    /** Ids of orders due for {@link #settle} now, shard by shard. */
    public List<String> due(int limitPerShard) {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int shard = 0; shard < aftersales.functions.store.Table.DUE_SHARDS; shard++) {
            ids.addAll(store.dueOrderIds(shard, now, limitPerShard));
        }
        return ids;
    }
}
