package aftersales.domain;

import java.time.Instant;
import java.util.Objects;

/** The seller's express delivery form for one parcel. */
public record Shipment(String carrier, String trackingNumber, Instant shippedAt, Instant recordedAt) {
    public Shipment {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(shippedAt, "shippedAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
