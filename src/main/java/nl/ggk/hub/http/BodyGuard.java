package nl.ggk.hub.http;

import nl.ggk.hub.web.WhenRoutesStart;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.Problems;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.EventNotifier;

/**
 * Bounds every body of the REST endpoints (and the other platform-http routes under its prefixes) before it is read,
 * on the Vert.x event loop ahead of Camel's own body handler, which would buffer up to 10 MB of anybody's body (and is
 * told to let what this guard read pass: {@link GuardAwareRouter}). Installed just before the routes start. For a
 * request to an endpoint of {@link BodyRule}s, in this order: the caller is authenticated where the endpoint needs
 * one (a key or a session, 401/403), the Content-Type checked (415) and the declared length (413); an anonymous body
 * takes its share of the {@link AnonymousBudget} (none left: 503 with Retry-After) and must arrive within its time
 * (408); then the body is read with the endpoint's limit counted while it streams (413 when it grows past it), and
 * the route gets it as before. A request to any other path under the prefixes takes no body: one that brings one is
 * refused (413). Every refusal is problem+json with Connection: close, answered and logged once.
 */
public final class BodyGuard implements Handler<RoutingContext> {

    /** Marks a request whose body this guard is reading (the failure handler answers only for those). */
    private static final String READING = "ggk.body.reading";
    /** Marks a request whose body this guard has read whole and handed on. */
    private static final String READ = "ggk.body.read";
    /** Any other request under the prefixes: it takes no body (nothing is buffered, so it needs no caller or budget). */
    private static final BodyRule NO_BODY = new BodyRule("*", Pattern.compile(".*"), 0, false, Set.of());

    private final List<String> prefixes;
    private final List<BodyRule> rules;
    private final DoorRules.RequestCheck authenticate;
    private final AnonymousBudget budget;
    private final long anonymousTimeoutMs;
    private final Problems problems;
    private final int port;
    private final Map<Long, BodyHandler> readers = new ConcurrentHashMap<>();
    private boolean installed;

    /**
     * @param prefixes           paths (ending in /) whose requests this guard sees, e.g. {@code /api/v1/}
     * @param authenticate       who calls: throws {@link ApiProblemException} (401/403) for an unknown caller
     * @param anonymousTimeoutMs how long an anonymous body may take to arrive
     */
    public BodyGuard(List<String> prefixes, List<BodyRule> rules, DoorRules.RequestCheck authenticate,
                     AnonymousBudget budget, long anonymousTimeoutMs, Problems problems, int port) {
        this.prefixes = List.copyOf(prefixes);
        this.rules = List.copyOf(rules);
        this.authenticate = authenticate;
        this.budget = budget;
        this.anonymousTimeoutMs = anonymousTimeoutMs;
        this.problems = problems;
        this.port = port;
    }

    /** Installs this guard on the HTTP server once it is up, just before the routes (and their consumers) start. */
    public EventNotifier installer() {
        return WhenRoutesStart.run(this::install);
    }

    /**
     * The router the consumers look up is made to let what this guard read pass ({@link GuardAwareRouter}), and the
     * guard goes on it after the 405 check and the upload doors, before every platform-http route.
     */
    synchronized void install(CamelContext context) {
        if (installed) {
            return;
        }
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(port);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, name);
        if (router == null) {
            name = VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO;
            router = VertxPlatformHttpRouter.lookup(context, name);
        }
        if (router == null) {
            throw new IllegalStateException("no platform-http server on port " + port + " for the body guard");
        }
        if (!(router instanceof GuardAwareRouter)) {
            router = new GuardAwareRouter(router);
            // the registry keeps a bean per name and type: the original must go for the consumers to find this one
            context.getRegistry().unbind(name);
            context.getRegistry().bind(name, VertxPlatformHttpRouter.class, router);
        }
        for (String prefix : prefixes) {
            router.route(prefix + "*").order(HttpDoorPolicy.ORDER + 1).handler(this).failureHandler(this::failed);
        }
        installed = true;
    }

    /** Refuses to let the hub run without this guard: an event notifier's failure would only be logged. */
    public synchronized void checkInstalled() {
        if (!installed) {
            throw new IllegalStateException("the body guard is not on the HTTP server on port " + port);
        }
    }

    /** True (and so noted) when this guard has read the request's body, which the route then takes as it is. */
    static boolean bodyRead(RoutingContext ctx) {
        if (ctx.get(READING) == null) {
            return false;
        }
        ctx.put(READ, Boolean.TRUE);
        return true;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String method = request.method().name();
        BodyRule rule = rules.stream().filter(r -> r.matches(method, request.path())).findFirst().orElse(NO_BODY);
        try {
            long declared = declaredLength(request);
            // a length not declared (HTTP/2, chunked) is counted while the body streams: for NO_BODY its first byte
            boolean body = declared > 0 || (declared < 0 && !request.isEnded());
            if (rule != NO_BODY && !rule.anonymous()) {
                authenticate.check(new DoorRequest(request));
            }
            checkMediaType(rule, request);
            if (declared > rule.maxBytes()) {
                throw tooLarge(rule);
            }
            if (!body) {
                ctx.next();
                return;
            }
            if (rule.anonymous() && !admitAnonymous(ctx, declared < 0 ? rule.maxBytes() : declared)) {
                refuse(ctx, new ApiProblemException(503, "De hub heeft het op dit moment te"
                        + " druk met verzoeken van onbekende afzenders; probeer het over een seconde opnieuw."),
                        Map.of(HttpHeaders.RETRY_AFTER.toString(), "1"));
                return;
            }
        } catch (ApiProblemException problem) {
            refuse(ctx, problem, Map.of());
            return;
        }
        ctx.put(READING, rule);
        reader(rule.maxBytes()).handle(ctx);
    }

    /**
     * An anonymous body takes its share of the budget, given back with the answer, and has its time to arrive; false
     * when the budget has no room for it now.
     */
    private boolean admitAnonymous(RoutingContext ctx, long reserve) {
        AnonymousBudget.Share share = budget.take(reserve);
        if (share == null) {
            return false;
        }
        ctx.addEndHandler(done -> share.giveBack());
        long timer = ctx.vertx().setTimer(anonymousTimeoutMs, fired -> {
            if (!ctx.request().isEnded()) {
                refuse(ctx, new ApiProblemException(408, "De body kwam niet binnen "
                        + anonymousTimeoutMs + " ms binnen; stuur het verzoek opnieuw."), Map.of());
            }
        });
        ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
        return true;
    }

    /**
     * A failure while this guard was reading the body: over the limit (413) or broken off (400). A failure after the
     * body was read and handed on is the route's, for the next failure handler.
     */
    private void failed(RoutingContext ctx) {
        BodyRule rule = ctx.get(READING);
        if (rule == null || ctx.get(READ) != null || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (ctx.statusCode() == 413) {
            refuse(ctx, tooLarge(rule), Map.of());
        } else {
            refuse(ctx, ApiProblemException.badRequest("De body brak af of is niet leesbaar; er is niets"
                    + " aangenomen."), Map.of());
        }
    }

    private void checkMediaType(BodyRule rule, HttpServerRequest request) {
        if (rule.mediaTypes().isEmpty()) {
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = contentType == null ? null
                : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType == null || !rule.mediaTypes().contains(mediaType)) {
            throw ApiProblemException.unsupportedMediaType("Stuur de body als "
                    + String.join(" of ", rule.mediaTypes()) + " (Content-Type)"
                    + (mediaType == null ? "." : ", niet als " + mediaType + "."));
        }
    }

    private static ApiProblemException tooLarge(BodyRule rule) {
        if (rule == NO_BODY) {
            return ApiProblemException.tooLarge("Dit verzoek neemt geen body; stuur het zonder.");
        }
        return ApiProblemException.tooLarge("Het verzoek is groter dan de grens van " + rule.maxBytes()
                + " bytes voor dit adres.");
    }

    /** The declared Content-Length; -1 when none is declared (chunked, HTTP/2 frames, or no body at all). */
    private static long declaredLength(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
            boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
            return chunked || request.version() == HttpVersion.HTTP_2 ? -1 : 0;
        }
        try {
            long length = Long.parseLong(declared.trim());
            if (length < 0) {
                throw new NumberFormatException(declared);
            }
            return length;
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("Content-Length is geen getal.");
        }
    }

    /** Vert.x's body handler with the endpoint's limit, counted while the body streams; no file uploads. */
    private BodyHandler reader(long maxBytes) {
        return readers.computeIfAbsent(maxBytes, limit -> BodyHandler.create(false).setBodyLimit(limit));
    }

    private void refuse(RoutingContext ctx, ApiProblemException problem, Map<String, String> headers) {
        DoorRefusal.answer(ctx, problem.status(), "application/problem+json",
                Buffer.buffer(problems.json(problem, ctx.request().path())), headers, problem.getMessage());
    }
}
