package aftersales.functions.aws;

import aftersales.domain.Deadline;
import aftersales.domain.DisputeId;
import aftersales.functions.effects.DeadlineScheduler;
import aftersales.functions.effects.DeadlineTrigger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * One one-off EventBridge Scheduler {@code at()} schedule per deadline, in one schedule group.
 *
 * <p>Both calls are safe to repeat. The schedule name is a pure function of dispute, kind and instant, so a
 * second create for the same deadline meets the first one ({@link ConflictException}: success), and a delete
 * of a schedule that already fired (they delete themselves after completion) or never existed is success too.
 *
 * <p>Scheduler has one-minute precision, so the trigger time is the deadline rounded <em>up</em> to the whole
 * minute: it may fire up to a minute late, never early. Late is harmless because the deadline handler applies
 * what is due at its own clock.
 */
public final class EventBridgeDeadlineScheduler implements DeadlineScheduler {

    /** Scheduler's maximum retry window for a failed invocation: one day. */
    static final int MAX_EVENT_AGE_SECONDS = 86_400;
    /** Scheduler's maximum number of retries. */
    static final int MAX_RETRY_ATTEMPTS = 185;
    /**
     * A ValidationException for a trigger time no later than this after our clock is taken to mean "that time is
     * already past" (clock skew, rounding, a slow call). Such a deadline needs no timer: the next read or command
     * applies it, and the sweeper finds it when nobody is looking.
     */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(2);

    private static final System.Logger LOG = System.getLogger(EventBridgeDeadlineScheduler.class.getName());
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final SchedulerClient scheduler;
    private final SchedulerTarget target;
    private final InstantSource clock;

    public EventBridgeDeadlineScheduler(SchedulerClient scheduler, SchedulerTarget target) {
        this(scheduler, target, InstantSource.system());
    }

    public EventBridgeDeadlineScheduler(SchedulerClient scheduler, SchedulerTarget target, InstantSource clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void schedule(DisputeId disputeId, Deadline deadline) {
        String name = scheduleName(disputeId, deadline);
        Instant fireAt = fireAt(deadline.at());
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .name(name)
                .groupName(target.groupName())
                .scheduleExpression(atExpression(deadline.at()))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .state(ScheduleState.ENABLED)
                .target(Target.builder()
                        .arn(target.targetArn())
                        .roleArn(target.roleArn())
                        .input(DeadlineTrigger.of(disputeId, deadline).toJson())
                        .retryPolicy(RetryPolicy.builder()
                                .maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS)
                                .maximumRetryAttempts(MAX_RETRY_ATTEMPTS)
                                .build())
                        .deadLetterConfig(DeadLetterConfig.builder().arn(target.deadLetterArn()).build())
                        .build())
                .build();
        try {
            scheduler.createSchedule(request);
        } catch (ConflictException alreadyThere) {
            // Same name means same dispute, kind and instant: the schedule we want exists.
            LOG.log(Level.DEBUG, "schedule {0} already exists", name);
        } catch (ValidationException e) {
            if (fireAt.isAfter(clock.instant().plus(PAST_TOLERANCE))) {
                throw e;
            }
            // Scheduler rejects times in the past. Nothing secret here: name, kind and instant only.
            LOG.log(Level.INFO, "schedule {0} not created: Scheduler took {1} at {2} for past; reads and the sweeper apply it",
                    name, deadline.kind(), fireAt);
        }
    }

    @Override
    public void cancel(DisputeId disputeId, Deadline deadline) {
        String name = scheduleName(disputeId, deadline);
        try {
            scheduler.deleteSchedule(DeleteScheduleRequest.builder()
                    .name(name)
                    .groupName(target.groupName())
                    .build());
        } catch (ResourceNotFoundException alreadyGone) {
            // Fired and deleted itself, was cancelled before, or was never created: all fine.
            LOG.log(Level.DEBUG, "schedule {0} already gone", name);
        }
    }

    /**
     * {@code "dl-"} and the first 40 hex digits of SHA-256 of {@code disputeId|KIND|epochSecond}: 43 characters
     * from {@code [0-9a-f-]}, inside Scheduler's name rules ({@code [0-9a-zA-Z-_.]+}, at most 64). A dispute id
     * itself contains {@code ~}, which Scheduler does not allow, hence the hash.
     */
    static String scheduleName(DisputeId disputeId, Deadline deadline) {
        String key = disputeId + "|" + deadline.kind().name() + "|" + deadline.at().getEpochSecond();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "dl-" + HEX.formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** {@code at(yyyy-MM-ddTHH:mm:ss)} in UTC, no zone suffix, no fractions, rounded up to the whole minute. */
    static String atExpression(Instant deadline) {
        return "at(" + AT.format(fireAt(deadline)) + ")";
    }

    /** The deadline rounded up to the next whole minute; an instant on a whole minute stays. */
    static Instant fireAt(Instant deadline) {
        Instant minute = deadline.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(deadline) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    }
}
