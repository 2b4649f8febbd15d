package nl.ggk.hub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.ggk.hub.api.ApiProblemException;
import nl.ggk.hub.api.Problems;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * 405 with the right {@code Allow} header and a problem+json body for a method a path of the API does not take
 * (Camel answers those with an empty Allow and no body). HEAD and OPTIONS are left to the server. Installed on the
 * router, like the door, when the route it is the policy of starts.
 */
public final class AllowedMethods extends RoutePolicySupport implements Handler<RoutingContext> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final Map<Pattern, List<String>> allowed = new LinkedHashMap<>();
    private final Problems problems;
    private final int port;
    private boolean installed;

    /** {@code paths}: a regular expression of a path under {@code prefix} and the methods it takes. */
    public AllowedMethods(String prefix, Map<String, List<String>> paths, Problems problems, int port) {
        this.prefix = prefix;
        paths.forEach((path, methods) -> allowed.put(Pattern.compile(path), List.copyOf(methods)));
        this.problems = problems;
        this.port = port;
    }

    @Override
    public synchronized void onStart(Route route) {
        if (!installed) {
            HttpDoorPolicy.router(route, port).route(prefix + "*").order(HttpDoorPolicy.ORDER - 1).handler(this);
            installed = true;
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String method = ctx.request().method().name();
        if (method.equals("HEAD") || method.equals("OPTIONS")) {
            ctx.next();
            return;
        }
        for (Map.Entry<Pattern, List<String>> path : allowed.entrySet()) {
            if (path.getKey().matcher(ctx.request().path()).matches()) {
                if (path.getValue().contains(method)) {
                    ctx.next();
                } else {
                    refuse(ctx, path.getValue());
                }
                return;
            }
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, List<String> methods) {
        String allow = String.join(", ", methods);
        ApiProblemException problem = new ApiProblemException(405, "Method Not Allowed",
                ctx.request().method().name() + " is not supported here; use " + allow + ".");
        String json;
        try {
            json = JSON.writeValueAsString(problems.render(problem, ctx.request().path()));
        } catch (JsonProcessingException e) {
            json = "{\"status\":405}";
        }
        ctx.response().setStatusCode(405)
                .putHeader(HttpHeaders.ALLOW, allow)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(json);
    }
}
