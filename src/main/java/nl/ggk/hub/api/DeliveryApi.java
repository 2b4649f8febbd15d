package nl.ggk.hub.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.ggk.hub.activity.DeliveryPhases.PhaseView;
import nl.ggk.hub.activity.DeliveryPhases;
import nl.ggk.hub.mirror.FigureStore;
import nl.ggk.hub.mirror.Vergelijking;
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
    /** Findings a delivery's summary lists (over its entries); an entry lists all track &amp; trace kept. */
    private static final int SUMMARY_FINDINGS = 3;

    /** An absolute path of the server (Unix or Windows) as exception messages quote them. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile(
            "(?<![\\w.])(?:/[^\\s/:'\"]+){2,}/?|[A-Za-z]:\\\\\\S+");

    private final TrackQueries track;
    private final OrganisationRegistry registry;
    private final String dataRoot;
    private final OutboxStore outbox;
    /** How often one delivery's story is read at most to find its entries unchanged between its two reads. */
    private static final int STORY_READS = 3;
    private final DeliveryPhases phases;
    private final FigureStore mirror;

    public DeliveryApi(TrackQueries track, OrganisationRegistry registry, Path dataRoot, OutboxStore outbox,
                       DeliveryPhases phases) {
        this(track, registry, dataRoot, outbox, phases, null);
    }

    /** {@code mirror}: the instant mirror's comparisons, shown as {@code vergelijking} ({@code null}: none). */
    public DeliveryApi(TrackQueries track, OrganisationRegistry registry, Path dataRoot, OutboxStore outbox,
                       DeliveryPhases phases, FigureStore mirror) {
        this.mirror = mirror;
        this.track = track;
        this.registry = registry;
        this.dataRoot = dataRoot.toAbsolutePath().normalize().toString();
        this.outbox = outbox;
        this.phases = phases;
    }

    /** An organisation as the answers name it: its code and the name a user knows. */
    public record OrganisationName(String code, String naam) {
    }

    /** One change of status, with its time and (for FAILED, REJECTED, ...) what happened. */
    public record EventView(String at, String status, @Schema(nullable = true) String detail) {
    }

    /**
     * The Fo01 an entry was answered with: its code, its file under outbox/ and its Dutch omschrijving (why the entry
     * was refused and what to do).
     */
    public record Fo01Ref(String code, String file, @Schema(nullable = true) String omschrijving) {
    }

    /**
     * One finding of the hub's check, as the user reads it: line ({@code 0}: the file as a whole) and column ({@code
     * 0}: none), the rule's stable code, the field, a Dutch explanation and what to do; {@code bestand}: the entry.
     */
    public record Bevinding(String bestand, long regel, int kolom, String code, @Schema(nullable = true) String veld,
                            String tekst, @Schema(nullable = true) String advies) {
    }

    /** A delivery as the list shows it: where it stands, in the chain's terms and in Dutch. */
    public record DeliverySummary(String id, String organisation, String sender, String channel, String filename,
                                  String receivedAt, String status,
                                  @Schema(description = "entries per status, e.g. {\"FORWARDED\": 7, \"REJECTED\": 14}")
                                  Map<String, Integer> counts,
                                  @Schema(nullable = true) String duplicateOf, String fase, String faseTekst,
                                  @Schema(nullable = true) String redenTekst, OrganisationName aangeleverdDoor,
                                  OrganisationName gemeente,
                                  @Schema(description = "the first findings of the hub's check over its entries")
                                  List<Bevinding> bevindingen,
                                  @Schema(description = "all findings, also those not listed (the feedback ZIP has"
                                          + " them)") long bevindingenAantal,
                                  @Schema(description = "the kinds of its entries: CBS, IWMO, IJW, SVB, UNKNOWN")
                                  List<String> soorten) {
    }

    /** One entry of a delivery (a file of a ZIP, or the delivery itself), with its story and outbox items. */
    public record EntryView(int index, String name, String kind, @Schema(nullable = true) String functie,
                            String status, @Schema(nullable = true) Fo01Ref fo01,
                            @Schema(nullable = true) String feedback, List<EventView> events,
                            List<OutboxApi.OutboxLink> outbox,
                            @Schema(description = "the first findings of the hub's check of this entry")
                            List<Bevinding> bevindingen, long bevindingenAantal,
                            @Schema(nullable = true, description = "a GMSD file compared with the gemeente's earlier"
                                    + " half years (instant mirror)") Vergelijking vergelijking) {
    }

    /** The track &amp; trace story of one delivery: the summary, its events, its entries, its outbox items. */
    public record DeliveryStory(String id, String organisation, String sender, String channel, String filename,
                                String receivedAt, String status, Map<String, Integer> counts,
                                @Schema(nullable = true) String duplicateOf, String fase, String faseTekst,
                                @Schema(nullable = true) String redenTekst, OrganisationName aangeleverdDoor,
                                OrganisationName gemeente, List<Bevinding> bevindingen, long bevindingenAantal,
                                List<String> soorten, List<EventView> events, List<EntryView> entries,
                                @Schema(description = "items about the delivery as a whole")
                                List<OutboxApi.OutboxLink> outbox,
                                @Schema(nullable = true, description = "the comparison with the gemeente's earlier"
                                        + " half years when the delivery holds one compared GMSD file")
                                Vergelijking vergelijking) {

        DeliveryStory(DeliverySummary s, List<EventView> events, List<EntryView> entries,
                      List<OutboxApi.OutboxLink> outbox) {
            this(s.id(), s.organisation(), s.sender(), s.channel(), s.filename(), s.receivedAt(), s.status(),
                    s.counts(), s.duplicateOf(), s.fase(), s.faseTekst(), s.redenTekst(), s.aangeleverdDoor(),
                    s.gemeente(), s.bevindingen(), s.bevindingenAantal(), s.soorten(), events, entries, outbox,
                    onlyComparison(entries));
        }

        private static Vergelijking onlyComparison(List<EntryView> entries) {
            List<Vergelijking> found = entries.stream().map(EntryView::vergelijking)
                    .filter(java.util.Objects::nonNull).toList();
            return found.size() == 1 ? found.get(0) : null;
        }
    }

    /** A page of deliveries, newest first. */
    public record DeliveryPage(int page, int size, List<DeliverySummary> items) {
    }

    /** One delivery; 404 when it does not exist or the caller may not see it (no hint which). */
    public DeliveryStory delivery(String id, String caller) {
        // the story (entries, then events) and the phase are two reads: read again while an entry changed between
        // them, so that status, phase, entries and events tell one moment (a few tries; then the phase's read wins)
        DeliveryView view;
        PhaseView phase;
        int tries = 0;
        do {
            view = track.find(id == null ? "" : id)
                    .filter(v -> mayRead(caller, v.delivery()))
                    .orElseThrow(() -> ApiProblemException.notFound("Er is geen levering " + id + " voor " + caller
                            + "."));
            phase = phases.of(view.delivery().id(), view.delivery().status());
        } while (!phase.entryCounts().equals(view.delivery().counts()) && ++tries < STORY_READS);
        Delivery d = view.delivery();
        // each entry links to its outbox items (Fo01, feedback, reports), so an HTTP-only client can fetch them
        Map<Integer, List<OutboxStore.Item>> items = outbox.ofDelivery(d.id());
        Map<Integer, Vergelijking> compared = mirror == null ? Map.of() : mirror.ofDelivery(d.id());
        List<EntryView> entries = new ArrayList<>();
        List<TrackQueries.EntryFindings> found = new ArrayList<>();
        for (TrackQueries.Entry entry : view.entries()) {
            Fo01Ref fo01 = entry.fo01Code() == null ? null : new Fo01Ref(entry.fo01Code(), entry.fo01File(),
                    omschrijving(entry));
            entries.add(new EntryView(entry.index(), entry.name(), entry.kind(), entry.functie(), entry.status(), fo01,
                    entry.feedbackFile(), events(entry.events()), links(items.get(entry.index())),
                    bevindingen(entry.name(), entry.findings(), Integer.MAX_VALUE), entry.findingCount(),
                    compared.get(entry.index())));
            if (entry.findingCount() > 0) {
                found.add(new TrackQueries.EntryFindings(d.id(), entry.index(), entry.name(), entry.findings(),
                        entry.findingCount()));
            }
        }
        List<String> kinds = view.entries().stream().map(TrackQueries.Entry::kind).filter(k -> k != null).distinct()
                .sorted().toList();
        return new DeliveryStory(summary(d, phase, found, kinds), events(view.events()), entries,
                links(items.get(-1)));
    }

    public DeliveryPage list(String caller, String organisation, String since, String page, String size) {
        return list(caller, organisation, since, null, page, size);
    }

    /** {@code filename}: only deliveries whose file name contains it (ignoring case). */
    public DeliveryPage list(String caller, String organisation, String since, String filename, String page,
                             String size) {
        Set<String> visible = new LinkedHashSet<>();
        if (organisation == null || organisation.isBlank()) {
            visible.add(caller);
            registry.samenwerkingsverband(caller).ifPresent(s -> visible.addAll(s.members()));
        } else if (registry.mayReadFor(caller, organisation)) {
            visible.add(organisation);
        } else {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag de leveringen van " + organisation + " niet lezen.");
        }
        int pageNumber = QueryParameters.number(page, 0, "page");
        int pageSize = Math.min(QueryParameters.number(size, 50, "size"), MAX_PAGE_SIZE);
        Instant from = QueryParameters.instant(since);
        // a page beyond any int offset holds nothing: no query (page * size would overflow)
        List<Delivery> found = (long) pageNumber * pageSize > Integer.MAX_VALUE ? List.of()
                : track.list(visible, from, filename, pageNumber, pageSize);
        Map<String, String> statuses = new LinkedHashMap<>();
        found.stream().filter(d -> mayRead(caller, d)).forEach(d -> statuses.put(d.id(), d.status()));
        return new DeliveryPage(pageNumber, pageSize, summaries(found, statuses));
    }

    /** One delivery of any organisation, for an operator (ggk-beheerder); 404 when there is none. */
    public DeliveryStory deliveryOfAnyOrganisation(String id) {
        Delivery d = track.find(id == null ? "" : id).map(DeliveryView::delivery)
                .orElseThrow(() -> ApiProblemException.notFound("Er is geen levering " + id + "."));
        return delivery(id, d.sender());
    }

    /** The operator's search across all organisations ({@link TrackQueries#search}). */
    public DeliveryPage searchAllOrganisations(String text, String organisation, String status, String page,
                                               String size) {
        int pageNumber = QueryParameters.number(page, 0, "page");
        int pageSize = Math.min(QueryParameters.number(size, 50, "size"), MAX_PAGE_SIZE);
        List<Delivery> found = (long) pageNumber * pageSize > Integer.MAX_VALUE ? List.of()
                : track.search(text, organisation, status, pageNumber, pageSize);
        Map<String, String> statuses = new LinkedHashMap<>();
        found.forEach(d -> statuses.put(d.id(), d.status()));
        return new DeliveryPage(pageNumber, pageSize, summaries(found, statuses));
    }

    /** The summaries of the deliveries of {@code found} whose id {@code statuses} holds, in the order found. */
    private List<DeliverySummary> summaries(List<Delivery> found, Map<String, String> statuses) {
        Map<String, PhaseView> phaseById = phases.of(statuses);
        Map<String, List<TrackQueries.EntryFindings>> findings = new LinkedHashMap<>();
        for (TrackQueries.EntryFindings f : track.findings(statuses.keySet())) {
            findings.computeIfAbsent(f.deliveryId(), k -> new ArrayList<>()).add(f);
        }
        Map<String, List<String>> kinds = track.kinds(statuses.keySet());
        List<DeliverySummary> items = new ArrayList<>();
        for (Delivery d : found) {
            if (statuses.containsKey(d.id())) {
                items.add(summary(d, phaseById.get(d.id()), findings.getOrDefault(d.id(), List.of()),
                        kinds.getOrDefault(d.id(), List.of())));
            }
        }
        return items;
    }

    boolean mayRead(String caller, Delivery delivery) {
        return caller.equals(delivery.sender()) || registry.mayReadFor(caller, delivery.organisation());
    }

    private DeliverySummary summary(Delivery read, PhaseView phase, List<TrackQueries.EntryFindings> findings,
                                    List<String> kinds) {
        // status and counts from the entries the phase was derived from: both tell the same moment
        Delivery d = read.settledBy(phase.entryCounts());
        List<Bevinding> first = new ArrayList<>();
        long total = 0;
        for (TrackQueries.EntryFindings f : findings) {
            first.addAll(bevindingen(f.name(), f.findings(), SUMMARY_FINDINGS - first.size()));
            total += f.count();
        }
        // the status alone hides how many entries were refused (FORWARDED: at least one went on); fase, faseTekst,
        // redenTekst: the portal's view of the same story (issue 10), where it stands in the chain, in Dutch
        return new DeliverySummary(d.id(), d.organisation(), d.sender(), d.channel(), d.filename(),
                d.receivedAt().toString(), d.status(), d.counts(), d.duplicateOf(), phase.fase().code(),
                phase.tekst(), withoutServerPaths(phase.redenTekst()), organisation(d.sender()),
                organisation(d.organisation()), first, total, kinds);
    }

    private List<Bevinding> bevindingen(String entry, List<nl.ggk.hub.track.Finding> findings, int max) {
        List<Bevinding> list = new ArrayList<>();
        for (nl.ggk.hub.track.Finding f : findings) {
            if (list.size() >= max) {
                break;
            }
            list.add(new Bevinding(entry, f.regel(), f.kolom(), f.code(), f.veld(), withoutServerPaths(f.tekst()),
                    f.advies()));
        }
        return list;
    }

    /** The Dutch omschrijving of the entry's Fo01: its latest REJECTED event without the leading code. */
    private String omschrijving(TrackQueries.Entry entry) {
        String detail = null;
        for (TrackQueries.Event e : entry.events()) {
            if ("REJECTED".equals(e.status()) || "FAILED".equals(e.status())) {
                detail = e.detail();
            }
        }
        if (detail == null) {
            return null;
        }
        String text = detail.startsWith(entry.fo01Code() + " ") ? detail.substring(entry.fo01Code().length() + 1)
                : detail;
        return withoutServerPaths(nl.ggk.hub.errors.AnswerText.masked(text.strip()));
    }

    private OrganisationName organisation(String code) {
        return new OrganisationName(code, registry.displayName(code));
    }

    private static List<OutboxApi.OutboxLink> links(List<OutboxStore.Item> items) {
        return items == null ? List.of() : items.stream().map(OutboxApi::link).toList();
    }

    private List<EventView> events(List<TrackQueries.Event> events) {
        List<EventView> result = new ArrayList<>();
        for (TrackQueries.Event event : events) {
            result.add(new EventView(event.at().toString(), event.status(), withoutServerPaths(event.detail())));
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
