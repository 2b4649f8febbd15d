package nl.ggk.hub.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.ggk.hub.activity.DeliveryPhases;
import nl.ggk.hub.activity.DeliveryPhases.PhaseView;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxApi;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.track.Delivery;
import nl.ggk.hub.track.TrackQueries;
import nl.ggk.hub.track.TrackQueries.DeliveryView;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.QueryParameters;

/** The track &amp; trace answers of {@code /api/v1/deliveries}: what happened to a delivery, entry by entry. */
public final class DeliveryApi {

    private static final int MAX_PAGE_SIZE = 200;

    /** An absolute path of the server (Unix or Windows) as exception messages quote them. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile(
            "(?<![\\w.])(?:/[^\\s/:'\"]+){2,}/?|[A-Za-z]:\\\\\\S+");

    private final TrackQueries track;
    private final OrganisationRegistry registry;
    private final String dataRoot;
    private final OutboxStore outbox;
    private final DeliveryPhases phases;

    public DeliveryApi(TrackQueries track, OrganisationRegistry registry, Path dataRoot, OutboxStore outbox,
                       DeliveryPhases phases) {
        this.track = track;
        this.registry = registry;
        this.dataRoot = dataRoot.toAbsolutePath().normalize().toString();
        this.outbox = outbox;
        this.phases = phases;
    }

    /** One delivery; 404 when it does not exist or the caller may not see it (no hint which). */
    public Map<String, Object> delivery(String id, String caller) {
        DeliveryView view = track.find(id == null ? "" : id)
                .filter(v -> mayRead(caller, v.delivery()))
                .orElseThrow(() -> ApiProblemException.notFound("No delivery " + id + " for " + caller + "."));
        Delivery d = view.delivery();
        Map<String, Object> body = summary(d, phases.of(d.id(), d.status()));
        body.put("events", events(view.events()));
        // each entry links to its outbox items (Fo01, feedback, reports), so an HTTP-only client can fetch them
        Map<Integer, List<OutboxStore.Item>> items = outbox.ofDelivery(view.delivery().id());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (TrackQueries.Entry entry : view.entries()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("index", entry.index());
            e.put("name", entry.name());
            e.put("kind", entry.kind());
            e.put("functie", entry.functie());
            e.put("status", entry.status());
            if (entry.fo01Code() == null) {
                e.put("fo01", null);
            } else {
                Map<String, Object> fo01 = new LinkedHashMap<>();
                fo01.put("code", entry.fo01Code());
                fo01.put("file", entry.fo01File());
                e.put("fo01", fo01);
            }
            e.put("feedback", entry.feedbackFile());
            e.put("events", events(entry.events()));
            e.put("outbox", items.getOrDefault(entry.index(), List.of()).stream().map(OutboxApi::link).toList());
            entries.add(e);
        }
        body.put("entries", entries);
        body.put("outbox", items.getOrDefault(-1, List.of()).stream().map(OutboxApi::link).toList());
        return body;
    }

    public Map<String, Object> list(String caller, String organisation, String since, String page, String size) {
        return list(caller, organisation, since, null, page, size);
    }

    /** {@code filename}: only deliveries whose file name contains it (ignoring case). */
    public Map<String, Object> list(String caller, String organisation, String since, String filename, String page,
                                    String size) {
        Set<String> visible = new LinkedHashSet<>();
        if (organisation == null || organisation.isBlank()) {
            visible.add(caller);
            registry.samenwerkingsverband(caller).ifPresent(s -> visible.addAll(s.members()));
        } else if (registry.mayReadFor(caller, organisation)) {
            visible.add(organisation);
        } else {
            throw ApiProblemException.forbidden(caller + " may not read deliveries of " + organisation + ".");
        }
        int pageNumber = QueryParameters.number(page, 0, "page");
        int pageSize = Math.min(QueryParameters.number(size, 50, "size"), MAX_PAGE_SIZE);
        Instant from = QueryParameters.instant(since);
        List<Map<String, Object>> items = new ArrayList<>();
        // a page beyond any int offset holds nothing: no query (page * size would overflow)
        List<Delivery> found = (long) pageNumber * pageSize > Integer.MAX_VALUE ? List.of()
                : track.list(visible, from, filename, pageNumber, pageSize);
        Map<String, String> statuses = new LinkedHashMap<>();
        found.stream().filter(d -> mayRead(caller, d)).forEach(d -> statuses.put(d.id(), d.status()));
        Map<String, PhaseView> phaseById = phases.of(statuses);
        for (Delivery d : found) {
            if (statuses.containsKey(d.id())) {
                items.add(summary(d, phaseById.get(d.id())));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", pageNumber);
        body.put("size", pageSize);
        body.put("items", items);
        return body;
    }

    boolean mayRead(String caller, Delivery delivery) {
        return caller.equals(delivery.sender()) || registry.mayReadFor(caller, delivery.organisation());
    }

    private Map<String, Object> summary(Delivery d, PhaseView phase) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", d.id());
        body.put("organisation", d.organisation());
        body.put("sender", d.sender());
        body.put("channel", d.channel());
        body.put("filename", d.filename());
        body.put("receivedAt", d.receivedAt().toString());
        body.put("status", d.status());
        // the status alone hides how many entries were refused (FORWARDED: at least one went on)
        body.put("counts", d.counts());
        body.put("duplicateOf", d.duplicateOf());
        // the portal's view of the same story (issue 10): where it stands in the chain, in Dutch, and who for whom
        body.put("fase", phase.fase().code());
        body.put("faseTekst", phase.fase().tekst());
        body.put("redenTekst", withoutServerPaths(phase.redenTekst()));
        body.put("aangeleverdDoor", organisation(d.sender()));
        body.put("gemeente", organisation(d.organisation()));
        return body;
    }

    private Map<String, Object> organisation(String code) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("code", code);
        org.put("naam", registry.displayName(code));
        return org;
    }

    private List<Map<String, Object>> events(List<TrackQueries.Event> events) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (TrackQueries.Event event : events) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", event.at().toString());
            e.put("status", event.status());
            e.put("detail", withoutServerPaths(event.detail()));
            result.add(e);
        }
        return result;
    }

    /** Exception messages in FAILED events may quote server paths; an answer names only what is under the root. */
    String withoutServerPaths(String detail) {
        if (detail == null) {
            return null;
        }
        String relative = detail.replace(dataRoot + "/", "").replace(dataRoot, "");
        return ABSOLUTE_PATH.matcher(relative).replaceAll("[pad]");
    }
}
