package aftersales.functions.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Policy;
import aftersales.functions.aws.Config;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A marketplace changes the numbers of RULES.md through DISPUTE_POLICY, never through code. */
class PoliciesTest {

    private static Policy with(String json) {
        return Policies.from(new Config(Map.of(Config.DISPUTE_POLICY, json)));
    }

    @Test
    void noPolicyOrAnEmptyOneIsTheDefault() {
        assertSame(Policy.DEFAULT, Policies.from(new Config(Map.of())));
        assertSame(Policy.DEFAULT, Policies.from(new Config(Map.of(Config.DISPUTE_POLICY, " "))));
    }

    @Test
    void fieldsAreLaidOverTheDefault() {
        Policy p = with("{\"version\":\"2027-01\",\"sellerResponseTime\":\"P3D\",\"maxApplicationsPerOrder\":3}");
        assertEquals("2027-01", p.version());
        assertEquals(Duration.ofDays(3), p.sellerResponseTime());
        assertEquals(3, p.maxApplicationsPerOrder());
        assertEquals(Policy.DEFAULT.negotiationPeriod(), p.negotiationPeriod());
    }

    @Test
    void aMalformedPolicyStopsTheFunctionNamingTheVariable() {
        for (String bad : new String[] {"[]", "{\"sellerResponseTime\":\"P3D\"}", "{\"version\":\"x\",\"nope\":1}",
                "{\"version\":\"x\",\"sellerResponseTime\":\"three days\"}", "{\"version\":\"x\",\"sellerResponseTime\":\"PT0S\"}",
                "{not json"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> with(bad), bad);
            assertTrue(e.getMessage().startsWith("DISPUTE_POLICY"), e.getMessage());
        }
    }
}
