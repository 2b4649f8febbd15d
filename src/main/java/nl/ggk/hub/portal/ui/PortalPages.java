package nl.ggk.hub.portal.ui;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Serves the portal (HTML, CSS, JavaScript modules under {@code portal/} on the classpath) at {@code /} on the hub's
 * HTTP port. Vert.x's own {@link StaticHandler} does the file work (content types with charset, ETag and
 * Last-Modified, no directory listing, paths normalised so that nothing outside {@code portal/} can be named);
 * this class only adds it to the router when the route it is the policy of starts, after the API's handlers, and
 * puts security headers on every page: the Content-Security-Policy allows nothing from another host.
 */
public final class PortalPages extends RoutePolicySupport {

    /** After the API's handlers (the door and the method check have negative orders, Camel's routes 0 and up). */
    static final int ORDER = 10_000;
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final int MAX_AGE_SECONDS = 300;

    private boolean installed;

    @Override
    public synchronized void onStart(Route route) {
        if (installed) {
            return;
        }
        installed = true;
        int port = Integer.parseInt(route.getCamelContext().resolvePropertyPlaceholders("{{camel.server.port}}"));
        StaticHandler files = StaticHandler.create("portal")
                .setDirectoryListing(false)
                .setIndexPage("index.html")
                .setDefaultContentEncoding("UTF-8")
                .setCachingEnabled(true)
                .setMaxAgeSeconds(MAX_AGE_SECONDS)
                .setIncludeHidden(false);
        VertxPlatformHttpRouter router = router(route, port);
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).order(ORDER).handler(PortalPages::headers)
                .handler(files);
    }

    private static void headers(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/sim/")) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    private static VertxPlatformHttpRouter router(Route route, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(route.getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(route.getCamelContext(),
                    VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
        }
        if (router == null) {
            throw new IllegalStateException("no platform-http server on port " + port + " for " + route.getId());
        }
        return router;
    }
}
