package nl.ggk.hub.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The platform-http router of the API port as Camel's consumers look it up, with one difference: the body handler each
 * consumer puts in front of its route lets a request through untouched when the {@link BodyGuard} has already read its
 * body. Camel's own would resume the request first, which Vert.x refuses for an HTTP/2 request that has ended; and it
 * would buffer the body a second time, with the server-wide limit instead of the endpoint's. Everything else is the
 * original router's.
 */
final class GuardAwareRouter extends VertxPlatformHttpRouter {

    private final VertxPlatformHttpRouter original;

    GuardAwareRouter(VertxPlatformHttpRouter original) {
        super(original.getServer(), original.vertx(), original, original.getName(), original.getServerType());
        this.original = original;
    }

    @Override
    public Handler<RoutingContext> bodyHandler() {
        Handler<RoutingContext> camels = original.bodyHandler();
        return ctx -> {
            if (BodyGuard.bodyRead(ctx)) {
                ctx.next();
            } else {
                camels.handle(ctx);
            }
        };
    }
}
