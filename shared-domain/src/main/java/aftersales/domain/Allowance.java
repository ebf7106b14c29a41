package aftersales.domain;

/** What a rule says about an action: allowed, or a {@link Refusal} with the reason. */
public sealed interface Allowance permits Allowance.Allowed, Refusal {

    Allowed ALLOWED = new Allowed();

    record Allowed() implements Allowance {
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** The first refusal among the checks, in order; each check runs only if all before it allowed. */
    @SafeVarargs
    static Allowance firstOf(java.util.function.Supplier<Allowance>... checks) {
        for (var check : checks) {
            Allowance a = check.get();
            if (a instanceof Refusal) {
                return a;
            }
        }
        return ALLOWED;
    }
}
