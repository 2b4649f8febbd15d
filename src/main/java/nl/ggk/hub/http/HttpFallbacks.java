package nl.ggk.hub.http;

import nl.ggk.hub.web.WhenRoutesStart;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.Problems;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What the HTTP port answers where no route does, always as problem+json (never Vert.x's HTML "Resource not found"):
 * <ul>
 *   <li>while the hub starts: camel-main starts the HTTP server as one of the context's services, before the broker
 *       and long before the routes (which add their paths to the router as they start); until the hub is fully
 *       started every request is answered 503 with {@code Retry-After} and code {@code starting}, and once it
 *       begins to stop with code {@code stopping};</li>
 *   <li>a path no route, door or portal page takes: 404 with code {@code not-found};</li>
 *   <li>a failure Vert.x itself answers (a 500 on the event loop, a 413 of its body handler): the same status as a
 *       problem document.</li>
 * </ul>
 * A service of the context, added before the others ({@code HttpServerConfiguration}, the first configuration): it
 * starts right after the HTTP server (or starts it itself) and puts these handlers on its router at once, before the
 * server has taken its first request in practice. Answers are logged at
 * DEBUG: an unknown path (a browser's /favicon.ico) or a client early at the start is no refusal an operator acts on.
 */
public final class HttpFallbacks extends ServiceSupport {

    /** Seconds a client is told to wait while the hub starts or stops. */
    static final String RETRY_AFTER_SECONDS = "2";

    private final CamelContext context;
    private final Problems problems;
    private final int port;
    private boolean installed;

    public HttpFallbacks(CamelContext context, Problems problems, int port) {
        this.context = context;
        this.problems = problems;
        this.port = port;
    }

    /**
     * Starts the HTTP server if it is not yet (starting a started service is a no-op, so camel-main's own start of it
     * does nothing) and puts the handlers on its router. Added to the context before the other services (the broker
     * among them), it starts right after the HTTP server, before the broker and the routes.
     */
    @Override
    protected void doStart() {
        for (MainHttpServer server : context.hasServices(MainHttpServer.class)) {
            if (server.getPort() == port) {
                ServiceHelper.startService(server);
            }
        }
        install();
    }

    /** On the router once it exists: when this service starts, or at the latest when the routes start. */
    synchronized void install() {
        if (installed) {
            return;
        }
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        installed = true;
        router.route().order(Integer.MIN_VALUE).handler(this::gate);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> answer(ctx, new ApiProblemException(404,
                "Dit adres bestaat niet: " + ctx.request().method() + " " + ctx.normalizedPath()
                        + ". De API staat onder /api/v1 (zie /api/v1/openapi.json), het portaal op /."), Map.of()));
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, ctx -> answer(ctx, failure(ctx), Map.of()));
        }
    }

    /** Puts the handlers on the router at the latest when the routes start (should this service have been late). */
    public EventNotifier lifecycle() {
        return WhenRoutesStart.run(context -> install());
    }

    /** The context is started once every route is (and its startup listeners ran): then the hub is ready. */
    private void gate(RoutingContext ctx) {
        ServiceStatus status = context.getStatus();
        if (status.isStarted()) {
            ctx.next();
            return;
        }
        ApiProblemException problem = !status.isStopping() && !status.isStopped()
                ? new ApiProblemException(503, "De hub start nog", "starting",
                        "De hub start nog op en neemt nog geen verzoeken aan. Probeer het over enkele seconden opnieuw.")
                : new ApiProblemException(503, "De hub stopt", "stopping",
                        "De hub wordt gestopt en neemt geen verzoeken meer aan. Probeer het straks opnieuw.");
        answer(ctx, problem, Map.of(HttpHeaders.RETRY_AFTER.toString(), RETRY_AFTER_SECONDS));
    }

    private static ApiProblemException failure(RoutingContext ctx) {
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        return new ApiProblemException(status, switch (status) {
            case 400 -> "Het verzoek is niet leesbaar.";
            case 404 -> "Dit adres bestaat niet: " + ctx.request().method() + " " + ctx.normalizedPath() + ".";
            case 405 -> "Deze methode wordt op dit adres niet ondersteund.";
            case 413 -> "Het verzoek is groter dan dit adres aanneemt.";
            default -> "De hub kon het verzoek niet afhandelen; er is niets aangenomen. Probeer het later opnieuw.";
        });
    }

    private void answer(RoutingContext ctx, ApiProblemException problem, Map<String, String> headers) {
        DoorRefusal.answer(ctx, problem.status(), "application/problem+json",
                Buffer.buffer(problems.json(problem, ctx.request().path())), headers, problem.getMessage(), false);
    }
}
