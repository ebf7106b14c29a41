package aftersales.domain;

import static aftersales.domain.Scenario.days;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void sellerSilenceRefundsTheProposal() {
        Scenario s = Scenario.filed(4_000);
        s.after(days(5)).tick();
        assertEquals(ResolutionBasis.SELLER_RESPONSE_TIMEOUT, s.resolution().orElseThrow().basis());
        assertEquals(1, s.effects(Effect.IssueRefund.class).size());
        assertEquals(4_000, s.order.refunded().minorUnits());
    }
}
