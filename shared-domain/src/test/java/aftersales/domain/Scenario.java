package aftersales.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test's order and clock: register, ship, then drive commands at chosen instants. Keeps every effect
 * ever owed so tests can count refund instructions and schedules.
 */
final class Scenario {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String BUYER = "buyer-1";
    static final String SELLER = "seller-1";
    static final Actor buyer = Actor.buyer(BUYER);
    static final Actor seller = Actor.seller(SELLER);
    static final Actor arbitrator = Actor.arbitrator("arb-1");
    static final Actor platform = Actor.platform("platform");
    static final Actor system = Actor.SYSTEM;

    Order order;
    Instant now;
    Policy policy = Policy.DEFAULT;
    final List<Effect> effects = new ArrayList<>();
    Decision last;

    private Scenario(Order order, Instant now) {
        this.order = order;
        this.now = now;
    }

    /** A registered order of 10000 USD minor units with the given delivery time limit, not yet shipped. */
    static Scenario order(int deliveryDays) {
        return order(deliveryDays, Money.of(10_000, "USD"));
    }

    static Scenario order(int deliveryDays, Money paid) {
        Registration r = OrderDesk.register(platform, "order-1", BUYER, SELLER, paid, deliveryDays, T0);
        if (!(r instanceof Registration.Registered(Order o))) {
            throw new AssertionError("registration refused: " + r);
        }
        return new Scenario(o, T0);
    }

    /** Registered, and all goods shipped at {@link #T0}. */
    static Scenario shipped(int deliveryDays) {
        Scenario s = order(deliveryDays);
        s.ok(seller, new Command.RecordShipment("DHL", "TRK1", T0, true));
        return s;
    }

    /** Shipped at T0 with a 20-day limit, and the buyer applied for {@code amount} when the window opened (T0+5d). */
    static Scenario filed(long amount) {
        return filed(amount, RefundReason.NOT_AS_DESCRIBED, 20);
    }

    static Scenario filed(long amount, RefundReason reason, int deliveryDays) {
        Scenario s = shipped(deliveryDays);
        s.at(s.order.applicationWindowOpensAt(s.policy).orElseThrow());
        s.ok(buyer, apply(reason, amount));
        return s;
    }

    static Command.ApplyForRefund apply(RefundReason reason, long amount) {
        return new Command.ApplyForRefund(reason, Money.of(amount, "USD"), false, "broken", List.of());
    }

    Scenario at(Instant instant) {
        this.now = instant;
        return this;
    }

    Scenario after(Duration d) {
        return at(now.plus(d));
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }

    Decision run(Actor actor, Command command) {
        last = OrderDesk.decide(order, actor, command, now, policy);
        order = last.order();
        effects.addAll(last.effects());
        return last;
    }

    Decision ok(Actor actor, Command command) {
        Decision d = run(actor, command);
        d.refusal().ifPresent(r -> fail("expected " + command + " to be allowed, got " + r));
        return d;
    }

    Refusal refused(Actor actor, Command command, RefusalCode expected) {
        Decision d = run(actor, command);
        Refusal r = d.refusal().orElseThrow(() -> new AssertionError("expected refusal " + expected + " for " + command));
        if (r.code() != expected) {
            fail("expected " + expected + " but got " + r);
        }
        return r;
    }

    /** Look at the order now, as a read would (due deadlines applied and stored by the system). */
    Scenario tick() {
        ok(system, new Command.ApplyDueDeadlines());
        return this;
    }

    DisputeId disputeId() {
        return dispute().id();
    }

    /** The latest dispute. */
    Dispute dispute() {
        assertTrue(!order.disputes().isEmpty(), "no dispute filed");
        return order.disputes().getLast();
    }

    Optional<Resolution> resolution() {
        return dispute().resolution();
    }

    <T extends Effect> List<T> effects(Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
