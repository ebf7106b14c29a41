package aftersales.functions.aws;

import java.util.Objects;

/**
 * Where deadline schedules live and what they invoke: the schedule group, the deadline Lambda's ARN, the role
 * EventBridge Scheduler assumes to invoke it (the adapter's caller needs {@code iam:PassRole} on it), and the
 * dead-letter queue for triggers that exhausted their retries.
 */
public record SchedulerTarget(String groupName, String targetArn, String roleArn, String deadLetterArn) {

    public SchedulerTarget {
        requireText(groupName, "groupName");
        requireText(targetArn, "targetArn");
        requireText(roleArn, "roleArn");
        requireText(deadLetterArn, "deadLetterArn");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }
}
