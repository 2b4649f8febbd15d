package nl.ggk.hub.foutrapportage;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.QueryParameters;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxItem;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.outbox.OutboxStore;

/**
 * The foutrapportage: every Fo01 an organisation received in a period, on request
 * ({@code GET /api/v1/foutrapportage}) and, by a setting, monthly into its outbox.
 */
public final class Foutrapportage {

    /** A rendered report for the API answer. */
    public record Report(String fileName, String contentType, byte[] content) {
        public String contentDisposition() {
            return "attachment; filename=\"" + fileName + "\"";
        }
    }

    private final OutboxStore store;
    private final OrganisationRegistry registry;
    private final Foutrapport renderer;
    private final ZoneId zone;
    private final Clock clock;
    private final Set<String> monthlyFormats;

    public Foutrapportage(OutboxStore store, OrganisationRegistry registry, Foutrapport renderer, ZoneId zone,
                          Clock clock, Set<String> monthlyFormats) {
        this.store = store;
        this.registry = registry;
        this.renderer = renderer;
        this.zone = zone;
        this.clock = clock;
        this.monthlyFormats = monthlyFormats;
    }

    /**
     * The report for {@code organisation} (blank: the caller) from {@code from} to {@code to} (ISO dates,
     * inclusive; default the current month up to today) as {@code csv} (default) or {@code pdf}.
     */
    public Report report(String caller, String organisation, String from, String to, String format)
            throws IOException {
        String org = organisation == null || organisation.isBlank() ? caller : organisation.trim();
        if (!registry.mayReadFor(caller, org)) {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag de foutrapportage van " + org + " niet lezen.");
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = QueryParameters.date(from, "from", today.withDayOfMonth(1));
        LocalDate last = QueryParameters.date(to, "to", today);
        if (last.isBefore(first)) {
            throw ApiProblemException.badRequest("'to' mag niet voor 'from' liggen.");
        }
        String kind = format == null || format.isBlank() ? "csv" : format.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("pdf")) {
            throw ApiProblemException.badRequest("'format' moet csv of pdf zijn.");
        }
        Foutrapport.Period period = period(org, first, last);
        return kind.equals("csv")
                ? new Report(Foutrapport.fileName(period, "csv"), "text/csv; charset=UTF-8", renderer.csv(period))
                : new Report(Foutrapport.fileName(period, "pdf"), "application/pdf", renderer.pdf(period));
    }

    /**
     * The monthly reports of the previous month not yet in the outboxes: one per organisation that received a
     * Fo01 that month and per format of {@code ggk.foutrapportage.monthly-formats}. The names carry the month,
     * so a second run (or a restart) adds nothing.
     */
    public List<OutboxItem> monthlyDue() throws IOException {
        YearMonth month = YearMonth.now(clock.withZone(zone)).minusMonths(1);
        List<OutboxItem> due = new ArrayList<>();
        for (String org : registry.organisations()) {
            Foutrapport.Period period = period(org, month.atDay(1), month.atEndOfMonth());
            if (period.fo01s().isEmpty()) {
                continue;
            }
            for (String format : monthlyFormats) {
                String name = "foutrapportage-" + org + "-" + month + "." + format;
                if (store.find(org, name).isPresent()) {
                    continue;
                }
                byte[] content = format.equals("pdf") ? renderer.pdf(period) : renderer.csv(period);
                due.add(OutboxItem.of(org, OutboxKind.FOUTRAPPORTAGE, name, content, null, null));
            }
        }
        return due;
    }

    private Foutrapport.Period period(String org, LocalDate first, LocalDate last) {
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        return new Foutrapport.Period(org, registry.displayName(org), first, last,
                store.received(org, OutboxKind.FO01, start, end));
    }
}
