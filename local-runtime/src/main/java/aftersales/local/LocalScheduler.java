package aftersales.local;

import aftersales.domain.Deadline;
import aftersales.domain.DisputeId;
import aftersales.functions.effects.DeadlineScheduler;
import aftersales.functions.effects.DeadlineTrigger;
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

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LocalScheduler.class.getName());
    private static final java.time.Duration RETRY_PAUSE = java.time.Duration.ofSeconds(5);

    private final Path file;
    private final TreeSet<Trigger> triggers = new TreeSet<>(Trigger.ORDER);
    private final java.util.Map<Trigger, Long> retryAfterNanos = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** The triggers due at {@code upTo}, earliest first. */
    synchronized List<Trigger> due(Instant upTo) {
        return triggers.stream().takeWhile(t -> !t.at().isAfter(upTo)).toList();
    }

    /**
     * Fires every trigger due at {@code now}, earliest first, with the payload EventBridge Scheduler would send,
     * and deletes each once it has fired (ActionAfterCompletion DELETE). One that fails stays, and is tried again
     * after a pause, as the scheduler's retry policy would; the sweeper applies its deadline meanwhile.
     */
    void fireDue(Instant now, Consumer<String> deadlineFunction) {
        // passes until one fires nothing: a trigger scheduled while firing, and already due, fires too
        boolean fired = true;
        while (fired) {
            fired = false;
            for (Trigger t : due(now)) {
                fired |= fire(t, deadlineFunction);
            }
        }
    }

    private boolean fire(Trigger t, Consumer<String> deadlineFunction) {
        Long pausedUntil = retryAfterNanos.get(t);
        if (pausedUntil != null && System.nanoTime() - pausedUntil < 0) {
            return false;
        }
        try {
            deadlineFunction.accept(payload(t));
        } catch (RuntimeException e) {
            retryAfterNanos.put(t, System.nanoTime() + RETRY_PAUSE.toNanos());
            LOG.warning("deadline trigger " + t + " failed (" + e.getClass().getSimpleName() + "); tried again in "
                    + RETRY_PAUSE.toSeconds() + " s");
            return false;
        }
        retryAfterNanos.remove(t);
        synchronized (this) {
            if (triggers.remove(t)) {
                save();
            }
        }
        return true;
    }

    static String payload(Trigger t) {
        return new DeadlineTrigger(t.disputeId(), t.kind(), t.at().toString()).toJson();
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
