package aftersales.functions.handlers;

import aftersales.functions.app.Wiring;
import aftersales.functions.http.Api;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The HTTP API's GET routes; needs read access to the table and nothing else. */
public final class QueryApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Api api;

    public QueryApiHandler() {
        this.api = Wiring.queryApiFromEnvironment();
    }

    public QueryApiHandler(Wiring wiring) {
        this.api = wiring.queryApi();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayEvents.response(api.handle(ApiGatewayEvents.request(event)));
    }
}
