package aftersales.domain;

import static aftersales.domain.Invariants.TRIES;
import static aftersales.domain.Invariants.drive;
import static aftersales.domain.SequenceDriver.lasting;
import static aftersales.domain.SequenceDriver.rel;
import static aftersales.domain.SequenceDriver.show;

import aftersales.domain.CommandSequences.Act;
import aftersales.domain.CommandSequences.Kind;
import aftersales.domain.CommandSequences.Move;
import aftersales.domain.CommandSequences.Run;
import aftersales.domain.Invariants.Inv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Deadline and time invariants of {@link OrderDesk#decide} over random command sequences (see
 * {@link CommandSequences} and {@link DisputeInvariantsProperties}): open deadlines lie ahead, a refusal writes
 * nothing beyond what due deadlines write anyway, applying due deadlines is idempotent, and the outcome does not
 * depend on when the system ticked.
 */
class DisputeDeadlineProperties {

    @Provide
    Arbitrary<Run> runs() {
        return Invariants.runs();
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpenDeadlineIsAfterTheDecisionInstant(@ForAll("runs") Run run) {
        drive(run, Inv.DEADLINES_AFTER_NOW);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void aRefusalWritesNothingBeyondDueDeadlines(@ForAll("runs") Run run) {
        SequenceDriver d = drive(run, Inv.REFUSAL_WRITES_NOTHING);
        Statistics.label("accepted commands").collect(Math.min(d.accepted, 10));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void applyingDueDeadlinesIsIdempotent(@ForAll("runs") Run run) {
        drive(run, Inv.DUE_IDEMPOTENT);
    }

    /**
     * Deadlines are a function of time, not of the timer: the same commands at the same instants give the same
     * outcome whether the system ticked at every intermediate instant (every clock move, every deadline and one
     * second either side) or never ticked at all.
     */
    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void deadlinesAreAFunctionOfTimeNotOfTheTimer(@ForAll("runs") Run run) {
        // Run A: commands only (no ApplyDueDeadlines at all); record the concrete timeline.
        SequenceDriver a = new SequenceDriver(run.start());
        record Event(Instant at, Actor actor, Command command, Optional<RefusalCode> outcome) {
        }
        List<Object> timeline = new ArrayList<>(); // Instant (a clock move) or Event
        for (Move m : run.moves()) {
            if (m instanceof Act act) {
                if (act.kind() == Kind.APPLY_DUE) {
                    continue;
                }
                Actor actor = CommandSequences.actor(act, a.order);
                Command command = CommandSequences.command(act, a.order, a.now);
                Decision decision = a.decide(actor, command);
                timeline.add(new Event(a.now, actor, command, decision.refusal().map(Refusal::code)));
            } else {
                a.now = CommandSequences.clock(m, a.order, a.now, a.policy);
                timeline.add(a.now);
            }
        }
        Instant end = a.now;

        // Run B: the same commands at the same instants, ticking at every instant in between.
        SequenceDriver b = new SequenceDriver(run.start());
        for (Object entry : timeline) {
            Instant t = entry instanceof Event e ? e.at() : (Instant) entry;
            b.tickThrough(t);
            if (entry instanceof Event e) {
                Decision decision = b.decide(e.actor(), e.command());
                Optional<RefusalCode> outcome = decision.refusal().map(Refusal::code);
                b.require(outcome.equals(e.outcome()), () -> "time-independence: " + e.command() + " by " + e.actor()
                        + " at " + rel(e.at()) + " was " + show(e.outcome()) + " without ticks but " + show(outcome)
                        + " with ticks");
            }
        }
        b.tickThrough(end);

        Order finalA = OrderDesk.at(a.order, end);
        Order finalB = OrderDesk.at(b.order, end);
        List<String> resA = finalA.disputes().stream().map(SequenceDriver::resolutionKey).toList();
        List<String> resB = finalB.disputes().stream().map(SequenceDriver::resolutionKey).toList();
        b.require(resA.equals(resB), () -> "time-independence: final resolutions differ\nwithout ticks: " + resA
                + "\nwith ticks:    " + resB + "\ntrace without ticks:\n" + String.join("\n", a.trace));
        b.require(finalA.equals(finalB), () -> "time-independence: final orders differ\nwithout ticks: " + finalA
                + "\nwith ticks:    " + finalB + "\ntrace without ticks:\n" + String.join("\n", a.trace));
        Set<Effect> owedA = new HashSet<>(a.lastingEffects());
        owedA.addAll(lasting(OrderDesk.decide(a.order, Actor.SYSTEM, new Command.ApplyDueDeadlines(), end, a.policy)
                .effects()));
        Set<Effect> owedB = new HashSet<>(b.lastingEffects());
        b.require(owedA.equals(owedB), () -> "time-independence: owed effects differ\nwithout ticks: " + owedA
                + "\nwith ticks:    " + owedB + "\ntrace without ticks:\n" + String.join("\n", a.trace));
        Statistics.label("resolutions (time-independence)").collect(resA.toString().replaceAll("@[^,\\]]*", ""));
    }
}
