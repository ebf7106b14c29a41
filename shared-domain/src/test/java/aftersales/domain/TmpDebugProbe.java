package aftersales.domain;
import net.jqwik.api.*;
class TmpDebugProbe {
    @Example
    void show() {
        var gen = CommandSequences.runs(40).generator(1000);
        var rnd = new java.util.Random(42);
        for (int i = 0; i < 6; i++) {
            var run = gen.next(rnd).value();
            var d = new DisputeInvariantsProperties.Driver(run.start());
            for (var m : run.moves()) {
                if (m instanceof CommandSequences.Act a) {
                    d.decide(CommandSequences.actor(a, d.order), CommandSequences.command(a, d.order, d.now));
                } else { d.trace.add("clock " + DisputeInvariantsProperties.rel(d.now) + " " + m); d.now = CommandSequences.clock(m, d.order, d.now, d.policy); }
            }
            System.out.println("=====\n" + String.join("\n", d.trace));
        }
    }
}
