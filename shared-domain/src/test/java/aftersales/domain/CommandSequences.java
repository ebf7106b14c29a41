package aftersales.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generators for {@link DisputeInvariantsProperties}: a starting order and a random sequence of moves.
 *
 * <p>A move is an <em>intent</em> that is turned into a concrete clock instant or {@link Command} only when it
 * runs, against the order as it then stands ("the latest dispute", "the refundable amount", "the next open
 * deadline"). That keeps shrunk counterexamples meaningful: removing an earlier move does not leave later moves
 * aimed at stale ids or amounts.
 */
final class CommandSequences {

    static final String OTHER_CURRENCY_FOR_USD = "EUR";
    static final String OTHER_CURRENCY = "USD";
    static final Actor STRANGER_BUYER = Actor.buyer("buyer-2");
    static final Actor STRANGER_SELLER = Actor.seller("seller-2");

    private CommandSequences() {
    }

    /** Who sends a command. {@link #RIGHT} is whoever the command is meant for (to get far into the rules). */
    enum Who {
        RIGHT, BUYER, SELLER, STRANGER_BUYER, STRANGER_SELLER, BUYER_ID_AS_SELLER, SELLER_ID_AS_BUYER,
        ARBITRATOR, PLATFORM, SYSTEM;

        boolean stranger() {
            return this == STRANGER_BUYER || this == STRANGER_SELLER || this == BUYER_ID_AS_SELLER
                    || this == SELLER_ID_AS_BUYER;
        }
    }

    enum Kind {
        RECORD_SHIPMENT, CONFIRM_RECEIPT, EVALUATE, APPLY, MODIFY, ACCEPT, REJECT, ACCEPT_COUNTER, ESCALATE, CANCEL,
        ADD_EVIDENCE, OPEN_CASE, RULE, APPLY_DUE,
        /** Whatever the current state invites (resolved by {@link #effectiveKind}); drives runs deep into the rules. */
        NEXT
    }

    /** An amount relative to what it is compared with (the refundable amount, or the buyer's proposal). */
    enum Amount { ZERO, ONE, PART, ALL, ABOVE, OTHER_CURRENCY }

    enum Target { LATEST, NEXT_NUMBER, OTHER_ORDER, FIRST }

    /** Instants worth landing on exactly (and one second either side). */
    enum Landmark { NEXT_DEADLINE, LAST_DEADLINE, RULING_ALLOWED, WINDOW_OPENS, WINDOW_CLOSES, PROTECTION_ENDS }

    sealed interface Move permits Advance, Jump, Act {
    }

    /** Move the clock forward. */
    record Advance(long seconds) implements Move {
    }

    /** Move the clock to a landmark plus {@code offsetSeconds}, if that is not in the past; else stay. */
    record Jump(Landmark landmark, int offsetSeconds) implements Move {
    }

    /** Send one command; the fields pick the actor and the command's details. */
    record Act(Who who, Kind kind, Target target, Amount amount, int permille, RefundReason reason, boolean flag,
               int small) implements Move {
    }

    record Start(int deliveryDays, long amountPaid, String currency, boolean shipped, long shipDelaySeconds) {
    }

    record Run(Start start, List<Move> moves) {
    }

    // ---- arbitraries ----

    static Arbitrary<Run> runs(int maxMoves) {
        return Combinators.combine(starts(), moves().list().ofMinSize(1).ofMaxSize(maxMoves)
                .withSizeDistribution(RandomDistribution.uniform())).as(Run::new);
    }

    static Arbitrary<Start> starts() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 30),
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.longs().between(1, 10)),
                        Tuple.of(5, Arbitraries.longs().between(1, 1_000_000))),
                Arbitraries.of("USD", "JPY"),
                Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                Arbitraries.longs().between(0, 3 * 86_400)).as(Start::new);
    }

    static Arbitrary<Move> moves() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, acts()),
                Tuple.of(2, advances()),
                Tuple.of(2, jumps()));
    }

    static Arbitrary<Move> advances() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(1, 3_600)),
                Tuple.of(3, Arbitraries.longs().between(3_600, 20L * 86_400)),
                Tuple.of(1, Arbitraries.of(86_400L, 3 * 86_400L, 5 * 86_400L, 15 * 86_400L)))
                .map(Advance::new);
    }

    static Arbitrary<Move> jumps() {
        return Combinators.combine(
                Arbitraries.frequency(
                        Tuple.of(6, Landmark.NEXT_DEADLINE), Tuple.of(2, Landmark.LAST_DEADLINE),
                        Tuple.of(2, Landmark.RULING_ALLOWED), Tuple.of(2, Landmark.WINDOW_OPENS),
                        Tuple.of(1, Landmark.WINDOW_CLOSES), Tuple.of(1, Landmark.PROTECTION_ENDS)),
                Arbitraries.of(-1, 0, 1)).as(Jump::new);
    }

    static Arbitrary<Move> acts() {
        Arbitrary<Who> who = Arbitraries.frequency(
                Tuple.of(24, Who.RIGHT), Tuple.of(2, Who.BUYER), Tuple.of(2, Who.SELLER),
                Tuple.of(1, Who.STRANGER_BUYER), Tuple.of(1, Who.STRANGER_SELLER),
                Tuple.of(1, Who.BUYER_ID_AS_SELLER), Tuple.of(1, Who.SELLER_ID_AS_BUYER),
                Tuple.of(1, Who.ARBITRATOR), Tuple.of(1, Who.PLATFORM), Tuple.of(1, Who.SYSTEM));
        Arbitrary<Kind> kind = Arbitraries.frequency(
                Tuple.of(2, Kind.RECORD_SHIPMENT), Tuple.of(1, Kind.CONFIRM_RECEIPT), Tuple.of(1, Kind.EVALUATE),
                Tuple.of(5, Kind.APPLY), Tuple.of(2, Kind.MODIFY), Tuple.of(2, Kind.ACCEPT), Tuple.of(3, Kind.REJECT),
                Tuple.of(2, Kind.ACCEPT_COUNTER), Tuple.of(3, Kind.ESCALATE), Tuple.of(1, Kind.CANCEL),
                Tuple.of(2, Kind.ADD_EVIDENCE), Tuple.of(3, Kind.OPEN_CASE), Tuple.of(3, Kind.RULE),
                Tuple.of(2, Kind.APPLY_DUE), Tuple.of(30, Kind.NEXT));
        Arbitrary<Target> target = Arbitraries.frequency(
                Tuple.of(14, Target.LATEST), Tuple.of(1, Target.NEXT_NUMBER), Tuple.of(1, Target.OTHER_ORDER),
                Tuple.of(1, Target.FIRST));
        Arbitrary<Amount> amount = Arbitraries.frequency(
                Tuple.of(8, Amount.PART), Tuple.of(2, Amount.ALL), Tuple.of(1, Amount.ONE), Tuple.of(2, Amount.ZERO),
                Tuple.of(1, Amount.ABOVE), Tuple.of(1, Amount.OTHER_CURRENCY));
        Arbitrary<RefundReason> reason = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(RefundReason.GOODS_IN_TRANSIT)),
                Tuple.of(2, Arbitraries.of(RefundReason.class)));
        return Combinators.combine(who, kind, target, amount, Arbitraries.integers().between(0, 1000), reason,
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 7)).as(Act::new);
    }

    // ---- turning intents into instants and commands ----

    /** Where a move takes the clock (never backwards). */
    static Instant clock(Move move, Order order, Instant now, Policy policy) {
        return switch (move) {
            case Advance a -> now.plusSeconds(a.seconds());
            case Jump j -> landmark(j.landmark(), order, now, policy)
                    .map(t -> t.plusSeconds(j.offsetSeconds()))
                    .filter(t -> t.isAfter(now))
                    .orElse(now);
            case Act a -> now;
        };
    }

    static Optional<Instant> landmark(Landmark landmark, Order order, Instant now, Policy policy) {
        List<Deadline> open = order.disputes().stream().flatMap(d -> d.openDeadlines().stream())
                .filter(d -> d.at().isAfter(now)).sorted(Deadline.APPLICATION_ORDER).toList();
        return switch (landmark) {
            case NEXT_DEADLINE -> open.stream().findFirst().map(Deadline::at);
            case LAST_DEADLINE -> open.stream().map(Deadline::at).max(Comparator.naturalOrder());
            case RULING_ALLOWED -> order.disputes().isEmpty() ? Optional.empty()
                    : order.disputes().getLast().rulingAllowedFrom();
            case WINDOW_OPENS -> order.applicationWindowOpensAt(policy);
            case WINDOW_CLOSES -> order.applicationWindowClosesAt(policy);
            case PROTECTION_ENDS -> order.protectionEndsAt();
        };
    }

    /** The command kind an act stands for against this order; only {@link Kind#NEXT} depends on the state. */
    static Kind effectiveKind(Act a, Order order) {
        if (a.kind() != Kind.NEXT) {
            return a.kind();
        }
        if (order.fullyShippedAt().isEmpty()) {
            return Kind.RECORD_SHIPMENT;
        }
        Optional<Dispute> open = order.openDispute();
        if (open.isEmpty()) {
            return switch (a.small()) {
                case 0 -> Kind.CONFIRM_RECEIPT;
                case 1 -> Kind.EVALUATE;
                default -> Kind.APPLY;
            };
        }
        int s = a.small();
        return switch (open.get().state()) {
            case DisputeState.AwaitingSeller x -> s <= 1 ? Kind.ACCEPT : s <= 5 ? Kind.REJECT : s == 6 ? Kind.MODIFY
                    : Kind.ADD_EVIDENCE;
            case DisputeState.AwaitingBuyer x when open.get().rejection()
                    .flatMap(SellerRejection::counterProposal).isPresent() ->
                    s <= 2 ? Kind.ACCEPT_COUNTER : s <= 4 ? Kind.ESCALATE : s == 5 ? Kind.MODIFY
                            : s == 6 ? Kind.CANCEL : Kind.ADD_EVIDENCE;
            case DisputeState.AwaitingBuyer x -> s <= 3 ? Kind.ESCALATE : s == 4 ? Kind.MODIFY
                    : s <= 6 ? Kind.CANCEL : Kind.ADD_EVIDENCE;
            case DisputeState.Escalated x -> s == 7 ? Kind.ADD_EVIDENCE : Kind.OPEN_CASE;
            case DisputeState.InArbitration x -> s <= 4 ? Kind.RULE : Kind.ADD_EVIDENCE;
            case DisputeState.Resolved x -> Kind.APPLY;
        };
    }

    static Actor actor(Act a, Order order) {
        Actor buyer = Actor.buyer(order.buyerId());
        Actor seller = Actor.seller(order.sellerId());
        return switch (a.who()) {
            case RIGHT -> switch (effectiveKind(a, order)) {
                case RECORD_SHIPMENT, ACCEPT, REJECT -> seller;
                case CONFIRM_RECEIPT, EVALUATE, APPLY, MODIFY, ACCEPT_COUNTER, ESCALATE, CANCEL -> buyer;
                case ADD_EVIDENCE -> a.flag() ? buyer : seller;
                case OPEN_CASE, APPLY_DUE -> Actor.SYSTEM;
                case RULE -> Actor.arbitrator("arb-" + (a.small() % 2));
                case NEXT -> throw new AssertionError("resolved by effectiveKind");
            };
            case BUYER -> buyer;
            case SELLER -> seller;
            case STRANGER_BUYER -> STRANGER_BUYER;
            case STRANGER_SELLER -> STRANGER_SELLER;
            case BUYER_ID_AS_SELLER -> Actor.seller(order.buyerId());
            case SELLER_ID_AS_BUYER -> Actor.buyer(order.sellerId());
            case ARBITRATOR -> Actor.arbitrator("arb-1");
            case PLATFORM -> Actor.platform("platform");
            case SYSTEM -> Actor.SYSTEM;
        };
    }

    static Command command(Act a, Order order, Instant now) {
        DisputeId id = disputeId(a.target(), order);
        String text = a.small() == 7 ? "" : "some words";
        String longText = a.small() == 6 ? "x".repeat(Rules.MAX_TEXT + 1) : "broken on arrival";
        List<String> attachments = a.small() % 3 == 0 ? List.of("photo-" + a.small()) : List.of();
        return switch (effectiveKind(a, order)) {
            case RECORD_SHIPMENT -> new Command.RecordShipment("DHL", "TRK-" + a.permille(),
                    a.small() == 7 ? now.plusSeconds(3_600) : now.minusSeconds(a.permille() * 60L),
                    a.flag() || a.small() % 2 == 0);
            case CONFIRM_RECEIPT -> new Command.ConfirmReceipt();
            case EVALUATE -> new Command.Evaluate(a.small() - 1, "fine");
            case APPLY -> new Command.ApplyForRefund(a.reason(), amount(a, order, order.refundable()), a.flag(),
                    longText, attachments);
            case MODIFY -> new Command.ModifyApplication(id, a.reason(), amount(a, order, order.refundable()),
                    a.flag(), longText);
            case ACCEPT -> new Command.AcceptProposal(id);
            case REJECT -> new Command.RejectProposal(id, text,
                    a.flag() ? Optional.of(amount(a, order, proposalOf(order, id).orElse(order.refundable())))
                            : Optional.empty(),
                    attachments);
            case ACCEPT_COUNTER -> new Command.AcceptCounterProposal(id);
            case ESCALATE -> new Command.Escalate(id);
            case CANCEL -> new Command.CancelDispute(id);
            case ADD_EVIDENCE -> new Command.AddEvidence(id, text, List.of("evidence-" + a.permille()));
            case OPEN_CASE -> new Command.OpenArbitrationCase(id);
            case RULE -> new Command.Rule(id, amount(a, order, order.refundable()),
                    a.flag() ? Optional.of("shipped late") : Optional.empty(), a.small() == 7 ? "" : "ruled");
            case APPLY_DUE -> new Command.ApplyDueDeadlines();
            case NEXT -> throw new AssertionError("resolved by effectiveKind");
        };
    }

    private static Optional<Money> proposalOf(Order order, DisputeId id) {
        return order.dispute(id).map(d -> d.proposal().amount());
    }

    static DisputeId disputeId(Target target, Order order) {
        int n = order.disputes().size();
        return switch (target) {
            case LATEST -> new DisputeId(order.id(), Math.max(1, n));
            case NEXT_NUMBER -> new DisputeId(order.id(), n + 1);
            case OTHER_ORDER -> new DisputeId(order.id() + "-other", Math.max(1, n));
            case FIRST -> new DisputeId(order.id(), 1);
        };
    }

    /** An amount relative to {@code base} (same currency as the order unless asked otherwise). Never negative. */
    static Money amount(Act a, Order order, Money base) {
        long b = base.minorUnits();
        String currency = order.amountPaid().currency().getCurrencyCode();
        return switch (a.amount()) {
            case ZERO -> Money.of(0, currency);
            case ONE -> Money.of(1, currency);
            case PART -> Money.of(Math.max(1, b * a.permille() / 1000), currency);
            case ALL -> Money.of(b, currency);
            case ABOVE -> Money.of(b + 1 + a.permille(), currency);
            case OTHER_CURRENCY -> Money.of(Math.max(1, b * a.permille() / 1000),
                    currency.equals("USD") ? OTHER_CURRENCY_FOR_USD : OTHER_CURRENCY);
        };
    }

    /** Every open deadline instant, and one second either side, in {@code (from, to]}, earliest first. */
    static List<Instant> deadlineInstantsBetween(Order order, Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        for (Dispute d : order.disputes()) {
            for (Deadline deadline : d.openDeadlines()) {
                for (long off = -1; off <= 1; off++) {
                    Instant t = deadline.at().plusSeconds(off);
                    if (t.isAfter(from) && !t.isAfter(to)) {
                        out.add(t);
                    }
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
