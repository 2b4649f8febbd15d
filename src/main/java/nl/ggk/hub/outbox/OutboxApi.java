package nl.ggk.hub.outbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.QueryParameters;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * The answers of {@code /api/v1/outbox}: the items of the caller's organisations and their downloads. The reader
 * rule is track &amp; trace's: an organisation reads its own items, a samenwerkingsverband also its members'.
 */
public final class OutboxApi {

    /** A file to send: the route streams {@code file} with these headers. */
    public record Download(Path file, String fileName, String contentType) {
        public String contentDisposition() {
            return "attachment; filename=\"" + fileName + "\"";
        }

        /** What the route streams. */
        public java.io.File content() {
            return file.toFile();
        }
    }

    /** How an answer links to an outbox item. */
    public record OutboxLink(String id, String kind, String href) {
    }

    /**
     * Who downloaded an item (organisation code), for which organisation, when; {@code naam}: the person as a user
     * reads it (the user's display name; the organisation's name for a machine key).
     */
    public record DownloadView(String by, String organisation, String at, String naam) {
    }

    /** A terugmelding sent on a spiegelrapport: its delivery (track &amp; trace), who sent it and when. */
    public record TerugmeldingView(String levering, String verstuurdDoor, String op) {
    }

    /** The delivery (and its entry) an item is about. */
    public record DeliveryRef(String id, @Schema(nullable = true) Integer entry) {
    }

    /**
     * One item of an outbox, with its downloads; {@code titel} what a person calls it ("Spiegelrapport Wmo 2026H1"),
     * {@code code} and {@code omschrijving} a Fo01's, {@code terugmeldingen} those sent on a spiegelrapport.
     */
    public record OutboxItemView(String id, String organisation, String kind, String fileName, String created,
                                 @Schema(nullable = true) DeliveryRef delivery, List<DownloadView> downloads,
                                 String href, String titel, @Schema(nullable = true) String code,
                                 @Schema(nullable = true) String omschrijving,
                                 List<TerugmeldingView> terugmeldingen) {
    }

    /** A page of outbox items, newest first. */
    public record OutboxPage(int page, int size, List<OutboxItemView> items) {
    }

    private static final int MAX_PAGE_SIZE = 200;

    private final OutboxStore store;
    private final OrganisationRegistry registry;
    private final Path outboxFolder;

    public OutboxApi(OutboxStore store, OrganisationRegistry registry, Path outboxFolder) {
        this.store = store;
        this.registry = registry;
        this.outboxFolder = outboxFolder;
    }

    public OutboxPage list(String caller, String organisation, String since, String page, String size) {
        Set<String> visible = new LinkedHashSet<>();
        if (organisation == null || organisation.isBlank()) {
            visible.add(caller);
            registry.samenwerkingsverband(caller).ifPresent(s -> visible.addAll(s.members()));
        } else if (mayRead(caller, organisation.trim())) {
            visible.add(organisation.trim());
        } else {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag de outbox van " + organisation + " niet lezen.");
        }
        int pageNumber = QueryParameters.number(page, 0, "page");
        int pageSize = Math.max(1, Math.min(QueryParameters.number(size, 50, "size"), MAX_PAGE_SIZE));
        List<OutboxStore.Item> items = store.list(visible, QueryParameters.instant(since), pageNumber, pageSize);
        List<String> ids = items.stream().map(OutboxStore.Item::id).toList();
        Map<String, List<OutboxStore.Download>> downloads = store.downloads(ids);
        Map<String, List<OutboxStore.Answer>> answers = store.answers(items.stream()
                .filter(i -> i.kind() == OutboxKind.SPIEGELRAPPORT).map(OutboxStore.Item::id).toList());
        List<OutboxItemView> answer = new ArrayList<>();
        for (OutboxStore.Item item : items) {
            answer.add(view(item, downloads.getOrDefault(item.id(), List.of()),
                    answers.getOrDefault(item.id(), List.of())));
        }
        return new OutboxPage(pageNumber, pageSize, answer);
    }

    /**
     * The file of one item, its download recorded (who, for which organisation, when); 404 when it does not
     * exist, the caller may not read it (no hint which) or the file is no longer in the outbox folder.
     */
    public Download download(String id, String caller) {
        return download(id, caller, null);
    }

    /** As above; {@code callerName} is who downloaded it as a person reads it (header GgkUserName). */
    public Download download(String id, String caller, String callerName) {
        OutboxStore.Item item = store.find(id == null ? "" : id)
                .filter(i -> mayRead(caller, i.organisation()))
                .orElseThrow(() -> ApiProblemException.notFound("Er is geen outbox-item " + id + " voor " + caller + "."));
        Path file = outboxFolder.resolve(item.organisation()).resolve(item.fileName()).normalize();
        if (!file.startsWith(outboxFolder) || !Files.isRegularFile(file)) {
            throw ApiProblemException.notFound("Outbox-item " + id + " staat niet meer in de outbox.");
        }
        store.downloaded(item.id(), caller, item.organisation(), callerName);
        return new Download(file, item.fileName(), contentType(item.fileName()));
    }

    /** How track &amp; trace links an entry to its outbox items. */
    public static OutboxLink link(OutboxStore.Item item) {
        return new OutboxLink(item.id(), item.kind().name(), "/api/v1/outbox/" + item.id());
    }

    boolean mayRead(String caller, String organisation) {
        return registry.mayReadFor(caller, organisation);
    }

    private OutboxItemView view(OutboxStore.Item item, List<OutboxStore.Download> downloads,
                                List<OutboxStore.Answer> answers) {
        DeliveryRef delivery = item.deliveryId() == null ? null : new DeliveryRef(item.deliveryId(), item.entryIndex());
        List<DownloadView> list = new ArrayList<>();
        for (OutboxStore.Download d : downloads) {
            list.add(new DownloadView(d.downloadedBy(), d.organisation(), d.at().toString(),
                    d.name() != null ? d.name() : registry.displayName(d.downloadedBy())));
        }
        List<TerugmeldingView> sent = new ArrayList<>();
        for (OutboxStore.Answer a : answers) {
            sent.add(new TerugmeldingView(a.deliveryId(), a.sentByName() != null ? a.sentByName()
                    : registry.displayName(a.sentBy()), a.at().toString()));
        }
        boolean fo01 = item.kind() == OutboxKind.FO01;
        return new OutboxItemView(item.id(), item.organisation(), item.kind().name(), item.fileName(),
                item.created().toString(), delivery, list, "/api/v1/outbox/" + item.id(), OutboxTitles.title(item),
                fo01 ? item.code() : null, fo01 ? item.description() : null, sent);
    }

    static String contentType(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            return "application/xml";
        } else if (name.endsWith(".zip")) {
            return "application/zip";
        } else if (name.endsWith(".pdf")) {
            return "application/pdf";
        } else if (name.endsWith(".csv")) {
            return "text/csv; charset=UTF-8";
        } else if (name.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return "application/octet-stream";
    }
}
