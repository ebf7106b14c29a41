package aftersales.local;

import aftersales.domain.Deadline;
import aftersales.domain.DisputeId;
import aftersales.functions.effects.DeadlineScheduler;
import aftersales.functions.json.Json;
import aftersales.functions.json.JsonValue;
import aftersales.functions.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The local stand-in for EventBridge Scheduler, behind the same interface the AWS adapter implements:
 * one-off triggers kept in the data folder (so they survive a restart), fired with the scheduler's payload
 * when the shared clock reaches them, then deleted, as ActionAfterCompletion DELETE does.
 */
final class LocalScheduler implements DeadlineScheduler {

    record Trigger(Instant at, String disputeId, String kind) {
        /** Instant order; on one instant, the rules' order of kinds (Rule 2 before Rule 3). */
        static final Comparator<Trigger> ORDER = Comparator.comparing(Trigger::at)
                .thenComparing(t -> aftersales.domain.DeadlineKind.valueOf(t.kind()))
                .thenComparing(Trigger::disputeId);
    }

    private final Path file;
    private final TreeSet<Trigger> triggers = new TreeSet<>(Trigger.ORDER);

    LocalScheduler(Path dataDir) {
        this.file = dataDir.resolve("schedules.json");
        load();
    }

    @Override
    public synchronized void schedule(DisputeId disputeId, Deadline deadline) {
        if (triggers.add(new Trigger(deadline.at(), disputeId.toString(), deadline.kind().name()))) {
            save();
        }
    }

    @Override
    public synchronized void cancel(DisputeId disputeId, Deadline deadline) {
        if (triggers.remove(new Trigger(deadline.at(), disputeId.toString(), deadline.kind().name()))) {
            save();
        }
    }

    synchronized List<Trigger> pending() {
        return List.copyOf(triggers);
    }

    /** The earliest trigger at or before {@code upTo}, if any, taken off the list. */
    synchronized java.util.Optional<Trigger> takeDue(Instant upTo) {
        if (triggers.isEmpty() || triggers.first().at().isAfter(upTo)) {
            return java.util.Optional.empty();
        }
        Trigger t = triggers.pollFirst();
        save();
        return java.util.Optional.of(t);
    }

    /** Fires every trigger due at {@code now}, earliest first, with the payload EventBridge Scheduler would send. */
    void fireDue(Instant now, Consumer<String> deadlineFunction) {
        for (var t = takeDue(now); t.isPresent(); t = takeDue(now)) {
            deadlineFunction.accept(payload(t.get()));
        }
    }

    static String payload(Trigger t) {
        var n = Json.object();
        n.put("disputeId", t.disputeId());
        n.put("kind", t.kind());
        n.put("at", t.at().toString());
        return Json.write(n);
    }

    private void load() {
        try {
            if (!Files.exists(file)) {
                return;
            }
            for (JsonValue n : Json.list(Json.parse(Files.readString(file)), v -> v)) {
                triggers.add(new Trigger(Instant.parse(n.get("at").asText()), n.get("disputeId").asText(),
                        n.get("kind").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save() {
        JsonArray a = Json.array();
        for (Trigger t : new ArrayList<>(triggers)) {
            a.addObject().put("at", t.at().toString()).put("disputeId", t.disputeId()).put("kind", t.kind());
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.write(a));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
