package aftersales.functions.handlers;

import aftersales.domain.Actor;
import aftersales.domain.Command;
import aftersales.domain.Effect;
import aftersales.functions.app.OrderService;
import aftersales.functions.app.Wiring;
import aftersales.functions.json.EffectJson;
import aftersales.functions.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes escalated disputes off the arbitration queue and opens their arbitration cases. Opening is idempotent
 * per dispute, so redelivery is harmless. A message that fails is reported alone (ReportBatchItemFailures) and
 * comes back; one that can never succeed (unreadable) is reported too, and the queue's redrive moves it to the DLQ.
 */
public final class ArbitrationIntakeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(ArbitrationIntakeHandler.class.getName());

    private final OrderService service;

    public ArbitrationIntakeHandler() {
        this(Wiring.fromEnvironment());
    }

    public ArbitrationIntakeHandler(Wiring wiring) {
        this.service = wiring.service();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                Effect.SendToArbitration escalation = EffectJson.arbitrationMessage(Json.parse(message.getBody()));
                var outcome = service.execute(Actor.SYSTEM, escalation.disputeId().orderId(),
                        new Command.OpenArbitrationCase(escalation.disputeId()));
                if (outcome instanceof OrderService.Outcome.Decided d && d.decision().refusal().isPresent()) {
                    // not escalated (any more): nothing to open; retrying cannot change that
                    LOG.info("arbitration message for " + escalation.disputeId() + " skipped: "
                            + d.decision().refusal().get().code());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "arbitration message " + message.getMessageId() + " failed: "
                        + e.getClass().getSimpleName());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
