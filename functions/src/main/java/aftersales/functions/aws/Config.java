package aftersales.functions.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a function reads from its environment, named as template.yaml sets it. A function reads only
 * what it uses; a missing variable fails at init with its name, not later with a null.
 */
public final class Config {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String ARBITRATION_QUEUE_URL = "ARBITRATION_QUEUE_URL";
    public static final String REFUND_QUEUE_URL = "REFUND_QUEUE_URL";
    public static final String SCHEDULE_GROUP = "SCHEDULE_GROUP";
    public static final String SCHEDULER_ROLE_ARN = "SCHEDULER_ROLE_ARN";
    public static final String DEADLINE_TARGET_ARN = "DEADLINE_TARGET_ARN";
    public static final String DEADLINE_DLQ_ARN = "DEADLINE_DLQ_ARN";
    /** Optional: the policy in force as JSON, overriding fields of Policy.DEFAULT (see README, "Policy"). */
    public static final String DISPUTE_POLICY = "DISPUTE_POLICY";
    public static final String AWS_REGION = "AWS_REGION";
    /** Only outside AWS (tests, the local runtime): one endpoint for every service, e.g. LocalStack. */
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";

    private final Map<String, String> env;

    public Config(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Config fromEnvironment() {
        return new Config(System.getenv());
    }

    public String require(String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return v;
    }

    public boolean has(String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    public Optional<URI> endpoint(String service) {
        String specific = env.get(AWS_ENDPOINT_URL + "_" + service.toUpperCase(java.util.Locale.ROOT));
        String any = specific != null ? specific : env.get(AWS_ENDPOINT_URL);
        return Optional.ofNullable(any).filter(s -> !s.isBlank()).map(URI::create);
    }
}
