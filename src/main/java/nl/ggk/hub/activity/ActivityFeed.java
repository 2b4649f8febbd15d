package nl.ggk.hub.activity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.activity.ActivityStore.DeliveryState;
import nl.ggk.hub.activity.ActivityStore.FeedRow;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.QueryParameters;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * {@code GET /api/v1/activity}: what happened that concerns the caller's organisation, in Dutch sentences with
 * the organisations' names. A gemeente sees what concerns it, whoever did it (itself, its samenwerkingsverband,
 * another member); a samenwerkingsverband sees what concerns itself and its members; nothing else. The reader
 * rule is track &amp; trace's ({@link OrganisationRegistry#mayReadFor}).
 */
public final class ActivityFeed {

    /** One thing that happened, in a Dutch sentence. */
    public record ActivityItem(String tijdstip,
                               @Schema(description = "aangeleverd, afgekeurd, rapport-ontvangen or gedownload")
                               String soort, String tekst, @Schema(nullable = true) String levering,
                               @Schema(nullable = true) String outboxItem) {
    }

    /** A page of the feed, newest first. */
    public record ActivityPage(int page, int size, List<ActivityItem> items) {
    }

    private static final Pattern PERIOD = Pattern.compile("(20\\d{2})[Hh]([12])");
    private static final Pattern MONTH = Pattern.compile("(20\\d{2}-[01]\\d)");
    private static final Pattern OPTIN = Pattern.compile("\\d{4}_OPTIN_(20\\d{2})H([12])\\.(?:csv|xlsx)");
    private static final int MAX_PAGE_SIZE = 200;

    private final ActivityStore store;
    private final OrganisationRegistry registry;
    private final int defaultPageSize;

    public ActivityFeed(ActivityStore store, OrganisationRegistry registry, int defaultPageSize) {
        this.store = store;
        this.registry = registry;
        this.defaultPageSize = Math.max(1, Math.min(defaultPageSize, MAX_PAGE_SIZE));
    }

    public ActivityPage feed(String caller, String organisation, String page, String size) {
        Set<String> concerned = new LinkedHashSet<>();
        if (organisation == null || organisation.isBlank()) {
            concerned.add(caller);
            registry.samenwerkingsverband(caller).ifPresent(s -> concerned.addAll(s.members()));
        } else if (registry.mayReadFor(caller, organisation.trim())) {
            concerned.add(organisation.trim());
        } else {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag de activiteit van " + organisation + " niet lezen.");
        }
        int pageNumber = QueryParameters.number(page, 0, "page");
        int pageSize = Math.max(1, Math.min(QueryParameters.number(size, defaultPageSize, "size"), MAX_PAGE_SIZE));
        List<FeedRow> rows = (long) pageNumber * pageSize > Integer.MAX_VALUE ? List.of()
                : store.feed(concerned, pageNumber, pageSize);
        List<String> refused = rows.stream().filter(r -> "afgekeurd".equals(r.soort())).map(FeedRow::deliveryId)
                .distinct().toList();
        Map<String, DeliveryState> states = store.states(refused);
        Map<String, ActivityStore.FirstFinding> findings = store.firstFindings(refused);
        Map<String, ActivityStore.ReportRef> answered = store.answeredReports(rows.stream().filter(r -> "aangeleverd".equals(r.soort()))
                .map(FeedRow::deliveryId).filter(java.util.Objects::nonNull).distinct().toList());
        List<ActivityItem> items = new ArrayList<>();
        for (FeedRow row : rows) {
            // an id the caller could not fetch (a samenwerkingsverband's own copy) is no use to it
            String outboxItem = row.itemId() != null && registry.mayReadFor(caller, row.itemOrganisation())
                    ? row.itemId() : null;
            items.add(new ActivityItem(row.at().toString(), row.soort(),
                    text(row, states.get(row.deliveryId()), findings, answered),
                    row.deliveryId(), outboxItem));
        }
        return new ActivityPage(pageNumber, pageSize, items);
    }

    String text(FeedRow row, DeliveryState state) {
        return text(row, state, Map.of(), Map.of());
    }

    String text(FeedRow row, DeliveryState state, Map<String, ActivityStore.FirstFinding> findings,
                Map<String, ActivityStore.ReportRef> answered) {
        String concerns = name(row.concerns());
        return switch (row.soort()) {
            case "aangeleverd" -> delivered(row, concerns, answered.get(row.deliveryId()));
            case "afgekeurd" -> refused(row, state, concerns) + firstFinding(findings.get(row.deliveryId()));
            case "rapport-ontvangen" -> concerns + " heeft " + receivedReport(row) + " ontvangen";
            case "gedownload" -> who(row) + " heeft " + downloaded(row)
                    + (row.actor().equals(row.concerns()) ? "" : " voor " + concerns) + " gedownload";
            default -> row.soort();
        };
    }

    /** The person who downloaded, with the organisation ("Jan Jansen van Amsterdam"), or the organisation (a key). */
    private String who(FeedRow row) {
        String organisation = name(row.actor());
        String person = row.person();
        return person == null || person.isBlank() || person.equals(registry.displayName(row.actor()))
                || person.equals(organisation) ? organisation : person + " van " + organisation;
    }

    /** Per kind: an opt-in, a terugmelding, or a file delivered ("… via Samenwerkingsverband …" for another). */
    private String delivered(FeedRow row, String concerns, ActivityStore.ReportRef report) {
        String via = row.actor().equals(row.concerns()) ? "" : " via " + name(row.actor());
        Matcher optin = OPTIN.matcher(String.valueOf(row.filename()));
        if (optin.matches()) {
            return concerns + " heeft de opt-in voor " + optin.group(1) + "H" + optin.group(2) + " doorgegeven" + via;
        }
        if (report != null) {
            String title = nl.ggk.hub.outbox.OutboxTitles.title(nl.ggk.hub.outbox.OutboxKind.valueOf(report.kind()),
                    report.fileName(), report.subject(), null);
            return concerns + " heeft gereageerd op het " + title.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                    + title.substring(1) + via;
        }
        return concerns + " heeft " + shown(row.filename()) + " aangeleverd" + via;
    }

    /** ". Regel 2, kolom 3 (BSN): … — en nog 4 bevindingen, zie de terugkoppeling (ZIP)" */
    private static String firstFinding(ActivityStore.FirstFinding f) {
        if (f == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(". ");
        if (f.regel() > 0) {
            text.append("Regel ").append(f.regel());
            if (f.kolom() > 0) {
                text.append(", kolom ").append(f.kolom());
            }
        } else {
            text.append("Het bestand");
        }
        if (f.veld() != null && !f.veld().isBlank()) {
            text.append(" (").append(f.veld()).append(')');
        }
        text.append(": ").append(AnswerText.masked(f.tekst()));
        if (f.total() > 1) {
            long more = f.total() - 1;
            text.append(" — en nog ").append(more).append(more == 1 ? " bevinding" : " bevindingen")
                    .append(", zie de terugkoppeling (ZIP)");
        }
        return text.toString();
    }

    private static String refused(FeedRow row, DeliveryState state, String concerns) {
        int entries = state == null ? 1 : Math.max(1, state.entries().size());
        if (entries == 1) {
            var entry = state == null || state.entries().isEmpty() ? null : state.entries().get(0);
            String file = entry == null || entry.name() == null ? row.filename() : entry.name();
            return shown(file) + " van " + concerns + " is afgekeurd: "
                    + DeliveryPhases.reden(entry == null ? null : entry.rejectedDetail());
        }
        return (row.count() >= entries ? "Alle " + entries : row.count() + " van de " + entries)
                + " bestanden in " + shown(row.filename()) + " van " + concerns + " zijn afgekeurd";
    }

    private String receivedReport(FeedRow row) {
        if (row.kind() == null) {
            // no outbox record: the cbs-return event "terugkoppeling CBS ontvangen: spiegelrapport over …"
            String detail = row.subject() == null ? "" : row.subject();
            String kind = detail.contains("spiegelrapport") ? "SPIEGELRAPPORT"
                    : detail.contains("op-orde") ? "OP_ORDE" : "TECHNISCHE_TERUGKOPPELING_CBS";
            return report(kind, row, true);
        }
        return report(row.kind(), row, true);
    }

    private String downloaded(FeedRow row) {
        return report(row.kind(), row, false);
    }

    /** How an outbox item is named in a sentence, e.g. "spiegelrapport 2024H1". */
    private static String report(String kind, FeedRow row, boolean fromCbs) {
        String about = shown(row.filename() != null ? row.filename()
                : row.subject() != null ? row.subject() : row.fileName());
        String period = period(row);
        String cbs = fromCbs ? " van CBS" : "";
        return switch (kind == null ? "" : kind) {
            case "SPIEGELRAPPORT" -> typed(kind, row) != null ? typed(kind, row) + cbs
                    : period == null ? "een spiegelrapport" + cbs : "spiegelrapport " + period + cbs;
            case "OP_ORDE" -> typed(kind, row) != null ? typed(kind, row) + cbs
                    : period == null ? "een op-orde-rapport" + cbs : "op-orde-rapport " + period + cbs;
            case "TECHNISCHE_TERUGKOPPELING_CBS" -> "de technische terugkoppeling van CBS op " + about;
            case "TECHNISCHE_TERUGKOPPELING_HUB" -> "de technische terugkoppeling van de hub op " + about;
            case "FO01" -> (row.code() == null ? "een foutbericht" : "foutbericht " + row.code()) + " over " + about;
            case "FOUTRAPPORTAGE" -> {
                Matcher m = MONTH.matcher(String.valueOf(row.fileName()));
                yield m.find() ? "de foutrapportage van " + m.group(1) : "de foutrapportage";
            }
            case "BERICHT" -> "bericht " + shown(row.fileName());
            default -> shown(row.fileName());
        };
    }

    /** "spiegelrapport Wmo 2026H1" when the file it is about names type and half year, else null. */
    private static String typed(String kind, FeedRow row) {
        String title = nl.ggk.hub.outbox.OutboxTitles.title(nl.ggk.hub.outbox.OutboxKind.valueOf(kind),
                row.fileName(), row.subject(), null);
        if (title.contains("–")) {
            return null;
        }
        return title.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + title.substring(1);
    }

    private static String period(FeedRow row) {
        for (String text : new String[] {row.subject(), row.filename(), row.fileName()}) {
            if (text != null) {
                Matcher m = PERIOD.matcher(text);
                if (m.find()) {
                    return m.group(1) + "H" + m.group(2);
                }
            }
        }
        return null;
    }

    /** The name a user knows: "Leiden", "Samenwerkingsverband Holland Rijnland". */
    String name(String organisation) {
        if (organisation == null) {
            return "onbekend";
        }
        if (registry.isSamenwerkingsverband(organisation)) {
            String name = registry.displayName(organisation);
            return name.toLowerCase(java.util.Locale.ROOT).startsWith("samenwerkingsverband") ? name
                    : "Samenwerkingsverband " + name;
        }
        return registry.displayName(organisation);
    }

    /** A file name as the user wrote it, with any BSN-like number masked. */
    private static String shown(String name) {
        return name == null ? "een bestand" : AnswerText.masked(name);
    }
}
