package aftersales.functions.handlers;

import aftersales.functions.app.Wiring;
import aftersales.functions.http.Api;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The HTTP API's POST routes: orders, refund applications, seller responses, escalation, evidence, rulings. */
public final class CommandApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Api api;

    public CommandApiHandler() {
        this(Wiring.fromEnvironment());
    }

    public CommandApiHandler(Wiring wiring) {
        this.api = wiring.commandApi();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayEvents.response(api.handle(ApiGatewayEvents.request(event)));
    }
}
