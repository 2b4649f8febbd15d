package nl.ggk.hub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Opens an upload door on the hub's HTTP server for the (direct:) route it is the policy of: when the route starts,
 * its {@link HttpDoorGuard} is added to the Vert.x router for {@code POST path}. Once the guard has the body on
 * disk, the route runs on a worker thread with the request's headers and query parameters as headers, the
 * upload token in {@link HttpDoorGuard#TOKEN_HEADER}, the verified client certificate (if any) in
 * {@link HttpDoorGuard#CLIENT_CERTIFICATE_HEADER}; its {@code CamelHttpResponseCode}, other non-Camel headers and
 * body are the answer. Errors are the route's to answer (routeConfiguration http-errors).
 */
public final class HttpDoorPolicy extends RoutePolicySupport {

    static final int ORDER = -100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpDoorGuard guard;
    private final String path;
    private final int port;
    private boolean installed;

    public HttpDoorPolicy(HttpDoorGuard guard, String path, int port) {
        this.guard = guard;
        this.path = path;
        this.port = port;
    }

    /** On start, not on init: the router exists once the server has been set up, before the routes start. */
    @Override
    public synchronized void onStart(Route route) {
        if (installed) {
            return;
        }
        installed = true;
        Endpoint endpoint = route.getEndpoint();
        ProducerTemplate template = route.getCamelContext().createProducerTemplate();
        guard.handOverTo(ctx -> ctx.vertx().executeBlocking(() -> run(template, endpoint, ctx.request()), false)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        answer(ctx, done.result());
                    } else {
                        ctx.fail(done.cause());
                    }
                }));
        router(route, port).route(HttpMethod.POST, path).order(ORDER).handler(guard);
    }

    private static Exchange run(ProducerTemplate template, Endpoint endpoint, HttpServerRequest request) {
        Exchange exchange = endpoint.createExchange(ExchangePattern.InOut);
        Message in = exchange.getIn();
        request.params().forEach(in::setHeader);
        request.headers().forEach(in::setHeader);
        in.setHeader(Exchange.HTTP_METHOD, request.method().name());
        in.setHeader(Exchange.HTTP_PATH, request.path());
        in.setHeader(Exchange.HTTP_URI, request.uri());
        in.removeHeader(HttpDoorGuard.CLIENT_CERTIFICATE_HEADER);
        DoorRequest.clientCertificate(request)
                .ifPresent(certificate -> in.setHeader(HttpDoorGuard.CLIENT_CERTIFICATE_HEADER, certificate));
        return template.send(endpoint, exchange);
    }

    private void answer(RoutingContext ctx, Exchange exchange) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (exchange.getException() != null) {
            // the route's http-errors answers refusals; this is only for a failure in that answer itself
            Map<String, Object> problem = guard.problems().render(exchange.getException(), ctx.request().path());
            String json;
            try {
                json = JSON.writeValueAsString(problem);
            } catch (JsonProcessingException e) {
                json = "{\"status\":503}";
            }
            response.setStatusCode((Integer) problem.get("status"))
                    .putHeader("Content-Type", "application/problem+json").end(json);
            return;
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        response.setStatusCode(status == null ? 200 : status);
        out.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel")) {
                response.putHeader(name, value.toString());
            }
        });
        byte[] body = out.getBody(byte[].class);
        response.end(body == null ? Buffer.buffer() : Buffer.buffer(body));
    }

    static VertxPlatformHttpRouter router(Route route, int serverPort) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(route.getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(route.getCamelContext(),
                    VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
        }
        if (router == null) {
            throw new IllegalStateException("no platform-http server on port " + serverPort + " for " + route.getId());
        }
        return router;
    }
}
