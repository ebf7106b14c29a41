package aftersales.functions.handlers;

import aftersales.domain.DisputeId;
import aftersales.functions.app.OrderService;
import aftersales.functions.app.Wiring;
import aftersales.functions.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import aftersales.functions.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The target of every deadline schedule. The payload only says which order to look at: the handler re-reads
 * it and applies whatever is due at its own clock's instant, so a late, duplicated or stale trigger changes
 * nothing that a timely one would not have.
 */
public final class DeadlineHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(DeadlineHandler.class.getName());

    private final OrderService service;

    public DeadlineHandler() {
        this(Wiring.fromEnvironment());
    }

    public DeadlineHandler(Wiring wiring) {
        this.service = wiring.service();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonValue trigger;
        try {
            trigger = Json.parse(input);
        } catch (java.io.UncheckedIOException malformed) {
            trigger = null;
        }
        Optional<DisputeId> id = Optional.ofNullable(trigger == null ? null : trigger.get("disputeId"))
                .map(JsonValue::asText).flatMap(DisputeId::parse);
        if (id.isEmpty()) {
            // retrying a malformed payload cannot help: say so and finish
            LOG.warning("deadline trigger without a valid disputeId ignored");
            output.write("{\"settled\":false}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        service.settle(id.get().orderId());
        output.write(Json.write(Json.object().put("settled", true).put("orderId", id.get().orderId()))
                .getBytes(StandardCharsets.UTF_8));
    }
}
