package nl.ggk.hub.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.Problems;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * 405 with the right {@code Allow} header and a problem+json body for a method a path of the API does not take
 * (Camel answers those with an empty Allow and no body). That includes OPTIONS, a CORS preflight too: the hub takes
 * no requests from other sites (the portal is served from the hub itself), so a preflight learns which methods the
 * path takes and gets no Access-Control-Allow-* header. HEAD is left to the server. Installed on the router, like
 * the door, when the route it is the policy of starts; a refusal is answered and logged as every door refusal.
 */
public final class AllowedMethods extends RoutePolicySupport implements Handler<RoutingContext> {

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
        if (method.equals("HEAD")) {
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
        String method = ctx.request().method().name();
        ApiProblemException problem = new ApiProblemException(405, method.equals("OPTIONS")
                ? "OPTIONS wordt hier niet ondersteund: de hub neemt geen verzoeken van andere websites aan (geen "
                        + "CORS). Dit adres neemt " + allow + "."
                : method + " wordt hier niet ondersteund; gebruik " + allow + ".");
        DoorRefusal.answer(ctx, 405, "application/problem+json",
                Buffer.buffer(problems.json(problem, ctx.request().path())),
                Map.of(HttpHeaders.ALLOW.toString(), allow), problem.getMessage());
    }
}
