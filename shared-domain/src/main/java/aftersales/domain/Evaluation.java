package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/** Rule 5: the buyer's one evaluation of a complete order. */
public record Evaluation(int stars, String comment, Instant at) {

    public enum Sentiment { POSITIVE, NEUTRAL, NEGATIVE }

    public Evaluation {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("stars must be 1..5: " + stars);
        }
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
    }

    /** 4–5 positive, 3 neutral, 1–2 negative. */
    public Sentiment sentiment() {
        return stars >= 4 ? Sentiment.POSITIVE : stars == 3 ? Sentiment.NEUTRAL : Sentiment.NEGATIVE;
    }
}
