package aftersales.domain;

import aftersales.domain.CommandSequences.Start;
import aftersales.domain.Effect.CancelDeadline;
import aftersales.domain.Effect.ScheduleDeadline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The order, clock, effects and a readable trace of one run of {@link CommandSequences}. */
final class SequenceDriver {
    final Policy policy = Policy.DEFAULT;
    Order order;
    Instant now;
    final List<Effect> effects = new ArrayList<>();
    final List<String> trace = new ArrayList<>();
    int accepted;

    SequenceDriver(Start start) {
        Scenario s = Scenario.order(start.deliveryDays(), Money.of(start.amountPaid(), start.currency()));
        trace.add("registered " + start);
        if (start.shipped()) {
            s.at(Scenario.T0.plusSeconds(start.shipDelaySeconds()));
            s.ok(Scenario.seller, new Command.RecordShipment("DHL", "TRK-0", s.now, true));
            trace.add("shipped at " + rel(s.now));
        }
        order = s.order;
        now = s.now;
        effects.addAll(s.effects);
    }

    Decision decide(Actor actor, Command command) {
        Decision d = OrderDesk.decide(order, actor, command, now, policy);
        effects.addAll(d.effects());
        if (d.accepted()) {
            accepted++;
        }
        trace.add("#" + trace.size() + " " + rel(now) + " " + actor.role() + ":" + actor.id() + " " + command
                + " -> " + d.refusal().map(r -> "REFUSED " + r.code()).orElse("ok")
                + (d.effects().isEmpty() ? "" : " effects " + d.effects().stream().map(Effect::id).toList()));
        order = d.order();
        return d;
    }

    /** Tick at every deadline instant (and one second either side) up to {@code t}, then at {@code t}. */
    void tickThrough(Instant t) {
        while (true) {
            List<Instant> next = CommandSequences.deadlineInstantsBetween(order, now, t);
            if (next.isEmpty()) {
                break;
            }
            now = next.getFirst();
            tick();
        }
        now = t;
        tick();
    }

    private void tick() {
        Decision d = decide(Actor.SYSTEM, new Command.ApplyDueDeadlines());
        require(d.accepted(), () -> "the system's tick was refused: " + d.refusal());
    }

    <T extends Effect> List<T> effectsOf(Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Effect> lastingEffects() {
        return lasting(effects);
    }

    void require(boolean ok, Supplier<String> message) {
        if (!ok) {
            throw new AssertionError(message.get() + "\n-- trace (times relative to T0 " + Scenario.T0 + "):\n"
                    + String.join("\n", trace));
        }
    }

    // ---- helpers for readable failures ----

    /** Effects that are not trigger bookkeeping: refunds, penalties, arbitration hand-overs. */
    static List<Effect> lasting(List<Effect> effects) {
        return effects.stream().filter(e -> !(e instanceof ScheduleDeadline) && !(e instanceof CancelDeadline))
                .toList();
    }

    static String resolutionKey(Dispute x) {
        return x.id() + ":" + x.resolution().map(r -> r.basis() + "/" + r.refund().minorUnits() + "@" + rel(r.at()))
                .orElse(x.status().name());
    }

    static String show(Optional<RefusalCode> code) {
        return code.map(RefusalCode::name).orElse("accepted");
    }

    static String rel(Instant t) {
        Duration d = Duration.between(Scenario.T0, t);
        return "T0+" + d.toDays() + "d" + d.toHoursPart() + "h" + d.toMinutesPart() + "m" + d.toSecondsPart() + "s";
    }
}
