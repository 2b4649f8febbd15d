package nl.ggk.hub.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.ggk.hub.activity.DeliveryPhases;
import nl.ggk.hub.api.DeliveryApi;
import nl.ggk.hub.api.TrendApi;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.mirror.FigureStore;
import nl.ggk.hub.api.DeliveryRequests;
import nl.ggk.hub.api.Idempotency;
import nl.ggk.hub.api.IntakeAnswers;
import nl.ggk.hub.api.OpenApiDocument;
import nl.ggk.hub.track.TrackQueries;
import nl.ggk.hub.web.Problems;
import nl.ggk.hub.http.AllowedMethods;
import nl.ggk.hub.http.AnonymousBudget;
import nl.ggk.hub.http.BodyGuard;
import nl.ggk.hub.http.BodyRule;
import nl.ggk.hub.http.DoorRules;
import nl.ggk.hub.http.HttpDoorGuard;
import nl.ggk.hub.http.HttpDoorPolicy;
import nl.ggk.hub.http.HttpUploads;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.cbs.Terugmeldingen;
import nl.ggk.hub.portal.CallerHeaders;
import nl.ggk.hub.portal.PortalAccess;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;

/** The HTTP API /api/v1: who is calling, what they may read, how a refusal is answered, the upload door. */
public class ApiConfiguration implements CamelConfiguration {

    @BindToRegistry
    public DeliveryRequests deliveryRequests(OrganisationRegistry organisations, PortalAccess portalAccess,
                                             @PropertyInject("ggk.demo-keys-enabled") boolean demoKeys,
                                             @PropertyInject(value = "ggk.intake.media-types", separator = ",")
                                             List<String> mediaTypes) {
        return new DeliveryRequests(organisations, demoKeys, mediaTypes(mediaTypes), portalAccess);
    }

    @BindToRegistry
    public DeliveryApi deliveryApi(TrackQueries track, OrganisationRegistry organisations, DataRoot dataRoot,
                                   OutboxStore outbox, DeliveryPhases phases, FigureStore mirror) {
        return new DeliveryApi(track, organisations, dataRoot.root(), outbox, phases, mirror);
    }

    /** GET /api/v1/trend (routes/api-trend.camel.yaml): the instant mirror's figures over the half years. */
    @BindToRegistry
    public TrendApi trendApi(FigureStore mirror, GmsdSpecifications gmsd, OrganisationRegistry organisations) {
        return new TrendApi(mirror, gmsd, organisations);
    }

    /** The api-caller routeConfiguration's step: the caller of every direct:api-* route in its headers. */
    @BindToRegistry
    public CallerHeaders callerHeaders(PortalAccess portalAccess) {
        return new CallerHeaders(portalAccess);
    }

    /** GET /api/v1/openapi.json: the REST DSL's OpenAPI document, its server as clients see it. */
    @BindToRegistry
    public OpenApiDocument openApiDocument(@PropertyInject(value = "ggk.api.public-url", defaultValue = "/")
                                           String publicUrl) {
        return new OpenApiDocument("ggk-hub API", "v1", publicUrl);
    }

    @BindToRegistry
    public Problems problems() {
        return new Problems();
    }

    /** Uploads stream to store/incoming, the content store's own folder, so that storing them is a local copy. */
    @BindToRegistry
    public HttpUploads httpUploads(DataRoot dataRoot) throws IOException {
        return new HttpUploads(dataRoot.resolve("store").resolve("incoming"));
    }

    /** The door of POST /api/v1/deliveries (route intake-http: {@code routePolicy: deliveriesDoor}). */
    @BindToRegistry
    public HttpDoorPolicy deliveriesDoor(DeliveryRequests requests, HttpUploads uploads, Problems problems,
                                         @PropertyInject("ggk.intake.max-bytes") long maxBytes,
                                         @PropertyInject(value = "ggk.intake.media-types", separator = ",")
                                         List<String> mediaTypes,
                                         @PropertyInject(value = "ggk.intake.max-parts", defaultValue = "100")
                                         int maxParts,
                                         @PropertyInject("camel.server.port") int port) {
        DoorRules rules = new DoorRules(maxBytes, mediaTypes(mediaTypes), true, maxParts, requests::checkUpload);
        return new HttpDoorPolicy(new HttpDoorGuard(rules, uploads, problems), "/api/v1/deliveries", port);
    }

    /** 405 with Allow for the methods /api/v1 does not take ({@code routePolicy: ...,apiMethods}). */
    @BindToRegistry
    public AllowedMethods apiMethods(Problems problems, @PropertyInject("camel.server.port") int port) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("/api/v1/deliveries/?", List.of("GET", "POST"));
        paths.put("/api/v1/deliveries/[^/]+/?", List.of("GET"));
        paths.put("/api/v1/openapi\\.json", List.of("GET"));
        paths.put("/api/v1/outbox/?", List.of("GET"));
        paths.put("/api/v1/outbox/[^/]+/?", List.of("GET"));
        paths.put("/api/v1/outbox/[^/]+/terugmelding/?", List.of("POST"));
        paths.put("/api/v1/optin/?", List.of("GET", "POST"));
        paths.put("/api/v1/foutrapportage/?", List.of("GET"));
        paths.put("/api/v1/activity/?", List.of("GET"));
        paths.put("/api/v1/berichtenverkeer/download/?", List.of("GET"));
        paths.put("/api/v1/session/?", List.of("GET", "POST", "DELETE"));
        paths.put("/api/v1/users/?", List.of("GET", "POST"));
        paths.put("/api/v1/users/[^/]+/?", List.of("PUT"));
        paths.put("/api/v1/users/[^/]+/wachtwoord/?", List.of("POST"));
        return new AllowedMethods("/api/v1/", paths, problems, port);
    }

    /** The share of the server anonymous bodies may use together (ggk.http.anonymous.*). */
    @BindToRegistry
    public AnonymousBudget anonymousBudget(
            @PropertyInject("ggk.http.anonymous.max-concurrent") int maxConcurrent,
            @PropertyInject("ggk.http.anonymous.max-bytes") long maxBytes) {
        return new AnonymousBudget(maxConcurrent, maxBytes);
    }

    /**
     * Every body under /api/v1 and /sim bounded before it is read (on the HTTP server just before the routes start, see
     * {@link #configure(CamelContext)}): each JSON endpoint with its own limit and, but for the login, its caller
     * authenticated first; anonymous bodies (the login, the CBS simulator) within the budget; any other request takes
     * no body. The upload door has its own guard.
     */
    @BindToRegistry
    public BodyGuard apiBodies(PortalAccess access, Terugmeldingen terugmeldingen, AnonymousBudget budget,
                               Problems problems,
                               @PropertyInject("ggk.http.max-bytes.login") long login,
                               @PropertyInject("ggk.http.max-bytes.optin") long optin,
                               @PropertyInject("ggk.http.max-bytes.users") long users,
                               @PropertyInject("ggk.http.max-bytes.operator") long operator,
                               @PropertyInject("ggk.cbs.max-envelope-bytes") long cbsEnvelope,
                               @PropertyInject("ggk.http.anonymous.body-timeout-ms") long anonymousTimeoutMs,
                               @PropertyInject("camel.server.port") int port) {
        List<BodyRule> rules = List.of(
                BodyRule.anonymousJson("POST", "/api/v1/session/?", login),
                BodyRule.json("POST", "/api/v1/optin/?", optin),
                BodyRule.json("POST", "/api/v1/users/?", users),
                BodyRule.json("PUT", "/api/v1/users/[^/]+/?", users),
                BodyRule.json("POST", "/api/v1/users/[^/]+/wachtwoord/?", users),
                BodyRule.json("POST", "/api/v1/outbox/[^/]+/terugmelding/?", terugmeldingen.maxBodyBytes()),
                BodyRule.json("POST", "/api/v1/operator/dlq/[^/]+/[^/]+/discard/?", operator),
                // RINIS/CBS as the embedded default plays it: the hub's own Di01s, at most a CBS envelope
                BodyRule.anonymous("POST", "/sim/cbs/?", cbsEnvelope));
        DoorRules.RequestCheck caller = request -> access.authenticateAtDoor(request.header("Authorization"),
                request.header("Cookie"), request.header(PortalAccess.CSRF_HEADER), request.method());
        return new BodyGuard(List.of("/api/v1/", "/sim/"), rules, caller, budget, anonymousTimeoutMs, problems, port);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        BodyGuard bodies = context.getRegistry().lookupByNameAndType("apiBodies", BodyGuard.class);
        context.getManagementStrategy().addEventNotifier(bodies.installer());
        context.addStartupListener((started, alreadyStarted) -> bodies.checkInstalled());
    }

    @BindToRegistry
    public Idempotency idempotency(DataSource dataSource,
                                   @PropertyInject(value = "ggk.http.idempotency-retention-days", defaultValue = "30")
                                   int retentionDays) {
        return new Idempotency(dataSource, java.time.Clock.systemUTC(), java.time.Duration.ofDays(retentionDays));
    }

    @BindToRegistry
    public IntakeAnswers intakeAnswers() {
        return new IntakeAnswers();
    }

    /** The split of a multipart upload collects one answer item per file part. */
    @BindToRegistry
    public AggregationStrategy collectAnswers() {
        return new GroupedBodyAggregationStrategy();
    }

    private static Set<String> mediaTypes(List<String> mediaTypes) {
        return mediaTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
