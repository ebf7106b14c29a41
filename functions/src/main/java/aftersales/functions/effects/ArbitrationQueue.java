package aftersales.functions.effects;

import aftersales.domain.Effect.SendToArbitration;

/** Rule 4: where escalated disputes wait for the arbitration intake. Sending twice is harmless: intake is idempotent. */
public interface ArbitrationQueue {

    void send(SendToArbitration escalation);
}
