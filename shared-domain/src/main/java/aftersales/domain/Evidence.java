package aftersales.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One piece of evidence: a description and references to stored attachments (keys or URLs), never the bytes. */
public record Evidence(Role party, String submittedBy, String description, List<String> attachments, Instant at) {
    public Evidence {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(description, "description");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(at, "at");
    }
}
