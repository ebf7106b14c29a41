package aftersales.functions.handlers;

import aftersales.functions.http.HttpRequest;
import aftersales.functions.http.HttpResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** API Gateway HTTP API payload 2.0 in and out. Claims come only from the JWT authorizer's context. */
final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    static HttpRequest request(APIGatewayV2HTTPEvent e) {
        String body = e.getBody();
        if (body != null && e.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> claims = Optional.ofNullable(e.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        return new HttpRequest(e.getRouteKey(), e.getPathParameters(), e.getQueryStringParameters(), e.getHeaders(),
                body, claims);
    }

    static APIGatewayV2HTTPResponse response(HttpResponse r) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(r.status())
                .withHeaders(r.headers())
                .withBody(r.body())
                .withIsBase64Encoded(false)
                .build();
    }
}
