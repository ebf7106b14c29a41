package aftersales.domain;

import static aftersales.domain.Scenario.T0;
import static aftersales.domain.Scenario.buyer;
import static aftersales.domain.Scenario.days;
import static aftersales.domain.Scenario.seconds;
import static aftersales.domain.Scenario.seller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RULES.md: every number is a policy parameter with a default, and a dispute keeps the policy it was opened under. */
class PolicyTest {

    /** A mutable copy of a policy's fields, to build variants. */
    static final class Draft {
        String version = "draft";
        Duration delay = days(5);
        Duration immediateBelow = days(5);
        Duration afterProtection = days(15);
        int maxApplications = 2;
        Duration sellerResponse = days(5);
        Duration negotiation = days(15);
        Duration evidence = days(3);
        int penaltyPoints = 2;
        int maxEvidence = 20;

        static Policy with(Consumer<Draft> change) {
            Draft d = new Draft();
            change.accept(d);
            return new Policy(d.version, d.delay, d.immediateBelow, d.afterProtection, d.maxApplications,
                    d.sellerResponse, d.negotiation, d.evidence, d.penaltyPoints, d.maxEvidence);
        }
    }

    @Test
    void defaultPolicyMatchesTheDefaultsOfRulesMd() {
        Policy p = Policy.DEFAULT;
        assertEquals(Duration.ofDays(5), p.applicationDelayAfterShipment(), "Rule 1: opens 5 days after shipment");
        assertEquals(Duration.ofDays(5), p.immediateBelowDeliveryLimit(), "Rule 1: limits under 5 days open at once");
        assertEquals(Duration.ofDays(15), p.windowAfterProtection(), "Rule 1: closes 15 days after protection");
        assertEquals(2, p.maxApplicationsPerOrder(), "Rule 1: at most 2 applications per order");
        assertEquals(Duration.ofDays(5), p.sellerResponseTime(), "Rule 2: the seller's 5 days");
        assertEquals(Duration.ofDays(15), p.negotiationPeriod(), "Rule 3: escalation 15 days after first filing");
        assertEquals(Duration.ofDays(3), p.evidencePeriod(), "Rule 4: 3 days for evidence");
        assertEquals(false, p.version().isBlank());
    }

    @Test
    void aValidCustomPolicyIsAcceptedAsGiven() {
        Policy p = Draft.with(d -> {
            d.version = "custom";
            d.delay = Duration.ZERO;
            d.maxApplications = 1;
            d.sellerResponse = Duration.ofHours(36);
        });
        assertEquals("custom", p.version());
        assertEquals(Duration.ZERO, p.applicationDelayAfterShipment());
        assertEquals(1, p.maxApplicationsPerOrder());
        assertEquals(Duration.ofHours(36), p.sellerResponseTime());
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                Arguments.of("blank version", (Consumer<Draft>) d -> d.version = " "),
                Arguments.of("negative application delay", (Consumer<Draft>) d -> d.delay = seconds(-1)),
                Arguments.of("negative immediate threshold", (Consumer<Draft>) d -> d.immediateBelow = days(-1)),
                Arguments.of("negative window after protection", (Consumer<Draft>) d -> d.afterProtection = days(-1)),
                Arguments.of("negative seller response", (Consumer<Draft>) d -> d.sellerResponse = days(-5)),
                Arguments.of("zero seller response", (Consumer<Draft>) d -> d.sellerResponse = Duration.ZERO),
                Arguments.of("zero negotiation period", (Consumer<Draft>) d -> d.negotiation = Duration.ZERO),
                Arguments.of("negative negotiation period", (Consumer<Draft>) d -> d.negotiation = days(-15)),
                Arguments.of("negative evidence period", (Consumer<Draft>) d -> d.evidence = days(-3)),
                Arguments.of("zero applications per order", (Consumer<Draft>) d -> d.maxApplications = 0),
                Arguments.of("negative penalty points", (Consumer<Draft>) d -> d.penaltyPoints = -1),
                Arguments.of("negative evidence limit", (Consumer<Draft>) d -> d.maxEvidence = -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void invalidPoliciesAreRejected(String what, Consumer<Draft> change) {
        assertThrows(IllegalArgumentException.class, () -> Draft.with(change));
    }

    @Test
    void missingPolicyValuesAreRejected() {
        assertThrows(NullPointerException.class, () -> Draft.with(d -> d.version = null));
        assertThrows(NullPointerException.class, () -> Draft.with(d -> d.sellerResponse = null));
        assertThrows(NullPointerException.class, () -> Draft.with(d -> d.delay = null));
    }

    /** Policy B: a faster marketplace. Every clock differs from the default (policy A). */
    private static final Policy B = Draft.with(d -> {
        d.version = "B-faster";
        d.sellerResponse = days(2);
        d.negotiation = days(7);
        d.delay = days(1);
    });

    @Test
    void aDisputeKeepsThePolicyItWasOpenedUnder() {
        Scenario s = Scenario.filed(4_000);               // policy A = DEFAULT, filed at T0+5d
        Instant filed = T0.plus(days(5));
        assertEquals(Policy.DEFAULT, s.dispute().policy());

        s.policy = B;                                      // the marketplace changes its numbers
        s.at(filed.plus(days(2))).tick();                  // B's seller time would have run out here
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, s.dispute().status());
        assertEquals(Optional.empty(), s.resolution());

        s.at(filed.plus(days(3)));
        s.ok(buyer, new Command.ModifyApplication(s.disputeId(), RefundReason.NOT_AS_DESCRIBED,
                Money.of(3_000, "USD"), false, "still broken"));
        Instant sellerDeadline = filed.plus(days(3)).plus(days(5));   // A's 5 days, not B's 2
        assertEquals(new DisputeState.AwaitingSeller(sellerDeadline), s.dispute().state());
        assertEquals(filed.plus(days(15)), s.dispute().escalatesAt());  // A's 15 days, not B's 7
        assertEquals(Policy.DEFAULT, s.dispute().policy());
    }

    @Test
    void anOldDisputeTimesOutAndEscalatesOnItsOwnPolicy() {
        Scenario s = Scenario.filed(4_000);
        Instant filed = T0.plus(days(5));
        s.policy = B;
        s.at(filed.plus(days(1)));
        s.ok(seller, new Command.RejectProposal(s.disputeId(), "works fine", Optional.empty(), List.of()));

        s.at(filed.plus(days(7))).tick();                   // B would escalate here
        assertEquals(DisputeStatus.AWAITING_BUYER, s.dispute().status());
        s.at(filed.plus(days(15)).minus(seconds(1))).tick();
        assertEquals(DisputeStatus.AWAITING_BUYER, s.dispute().status());
        s.at(filed.plus(days(15))).tick();                  // A escalates here
        var escalated = assertInstanceOf(DisputeState.Escalated.class, s.dispute().state());
        assertEquals(filed.plus(days(15)), escalated.at());
    }

    @Test
    void anOldDisputeSellerDeadlineFollowsItsOwnPolicyAfterThePolicyChanged() {
        Scenario s = Scenario.filed(4_000);
        Instant filed = T0.plus(days(5));
        s.policy = B;
        s.at(filed.plus(days(5)).minus(seconds(1)));
        s.ok(seller, new Command.AcceptProposal(s.disputeId()));   // still in time under A
        assertEquals(ResolutionBasis.SELLER_ACCEPTED, s.resolution().orElseThrow().basis());
    }

    @Test
    void aNewDisputeOnAnotherOrderFollowsTheCurrentPolicy() {
        Scenario a = Scenario.filed(4_000);
        a.policy = B;

        Scenario other = Scenario.shipped(20);
        other.policy = B;
        Instant opens = T0.plus(days(1));                    // B opens the window 1 day after shipment
        other.at(opens.minus(seconds(1)));
        Refusal early = other.refused(buyer, Scenario.apply(RefundReason.DAMAGED, 2_000), RefusalCode.WINDOW_NOT_OPEN);
        assertEquals(opens.toString(), early.facts().get("opensAt"));

        other.at(opens).ok(buyer, Scenario.apply(RefundReason.DAMAGED, 2_000));
        Dispute d = other.dispute();
        assertEquals("B-faster", d.policy().version());
        assertEquals(new DisputeState.AwaitingSeller(opens.plus(days(2))), d.state());
        assertEquals(opens.plus(days(7)), d.escalatesAt());

        other.at(opens.plus(days(2))).tick();
        Resolution r = other.resolution().orElseThrow();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, r.basis());
        assertEquals(opens.plus(days(2)), r.at());

        // the first order's dispute is untouched by B
        a.at(T0.plus(days(5)).plus(days(2))).tick();
        assertEquals(DisputeStatus.AWAITING_SELLER_RESPONSE, a.dispute().status());
        assertEquals(Policy.DEFAULT.version(), a.dispute().policy().version());
    }
}
