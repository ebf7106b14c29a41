package aftersales.functions.handlers;

import aftersales.functions.app.OrderService;
import aftersales.functions.app.Wiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The safety net, on a fixed rate: finds orders whose deadline is due or whose side effects are still owed
 * (by querying the sharded due index, never scanning) and settles each one. One failing order does not stop
 * the others; it stays due and is tried again next run.
 */
public final class SweeperHandler implements RequestStreamHandler {

    static final int PER_SHARD = 50;
    static final int STOP_BEFORE_TIMEOUT_MS = 10_000;
    private static final Logger LOG = Logger.getLogger(SweeperHandler.class.getName());

    private final OrderService service;

    public SweeperHandler() {
        this(Wiring.fromEnvironment());
    }

    public SweeperHandler(Wiring wiring) {
        this.service = wiring.service();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<String> due = service.due(PER_SHARD);
        int settled = 0;
        for (String orderId : due) {
            if (context != null && context.getRemainingTimeInMillis() < STOP_BEFORE_TIMEOUT_MS) {
                break; // the rest stay due: the next run takes them
            }
            try {
                service.settle(orderId);
                settled++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "order " + orderId + " stays due: " + e.getClass().getSimpleName());
            }
        }
        output.write(("{\"due\":" + due.size() + ",\"settled\":" + settled + "}").getBytes(StandardCharsets.UTF_8));
    }
}
