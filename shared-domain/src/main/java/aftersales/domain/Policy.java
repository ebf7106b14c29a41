package aftersales.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Every duration and limit of RULES.md, versioned. A dispute keeps the policy it was opened under,
 * so a marketplace can change the numbers without moving the deadlines of disputes already running.
 *
 * @param applicationDelayAfterShipment  Rule 1: the window opens this long after all goods are shipped
 * @param immediateBelowDeliveryLimit    Rule 1: a delivery time limit shorter than this opens the window at once
 * @param windowAfterProtection          Rule 1 (default): the window closes this long after protection ends
 * @param maxApplicationsPerOrder        Rule 1 (default): applications per order, cancelled ones included
 * @param sellerResponseTime             Rule 2: the seller's time to accept or reject after each filing or modification
 * @param negotiationPeriod              Rule 3: automatic escalation this long after the first filing
 * @param evidencePeriod                 Rule 4 (default): minimum wait for evidence before a ruling
 * @param penaltyPointsPerViolation      Rule 5 (default): points recorded against a seller per violation ruling
 * @param maxEvidencePerParty            evidence items each party may attach to one dispute
 */
public record Policy(
        String version,
        Duration applicationDelayAfterShipment,
        Duration immediateBelowDeliveryLimit,
        Duration windowAfterProtection,
        int maxApplicationsPerOrder,
        Duration sellerResponseTime,
        Duration negotiationPeriod,
        Duration evidencePeriod,
        int penaltyPointsPerViolation,
        int maxEvidencePerParty) {

    public static final Policy DEFAULT = new Policy(
            "2026-11-default",
            Duration.ofDays(5),
            Duration.ofDays(5),
            Duration.ofDays(15),
            2,
            Duration.ofDays(5),
            Duration.ofDays(15),
            Duration.ofDays(3),
            2,
            20);

    public Policy {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("policy version is blank");
        }
        for (Duration d : new Duration[] {applicationDelayAfterShipment, immediateBelowDeliveryLimit,
                windowAfterProtection, sellerResponseTime, negotiationPeriod, evidencePeriod}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative()) {
                throw new IllegalArgumentException("policy durations are never negative: " + d);
            }
        }
        if (sellerResponseTime.isZero() || negotiationPeriod.isZero()) {
            throw new IllegalArgumentException("response and negotiation periods must be positive");
        }
        if (maxApplicationsPerOrder < 1 || penaltyPointsPerViolation < 0 || maxEvidencePerParty < 0) {
            throw new IllegalArgumentException("policy limits out of range");
        }
    }
}
