package nl.ggk.hub.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    public Map<String, Object> list(String caller, String organisation, String since, String page, String size) {
        Set<String> visible = new LinkedHashSet<>();
        if (organisation == null || organisation.isBlank()) {
            visible.add(caller);
            registry.samenwerkingsverband(caller).ifPresent(s -> visible.addAll(s.members()));
        } else if (mayRead(caller, organisation.trim())) {
            visible.add(organisation.trim());
        } else {
            throw ApiProblemException.forbidden(caller + " may not read the outbox of " + organisation + ".");
        }
        int pageNumber = QueryParameters.number(page, 0, "page");
        int pageSize = Math.max(1, Math.min(QueryParameters.number(size, 50, "size"), MAX_PAGE_SIZE));
        List<OutboxStore.Item> items = store.list(visible, QueryParameters.instant(since), pageNumber, pageSize);
        Map<String, List<OutboxStore.Download>> downloads =
                store.downloads(items.stream().map(OutboxStore.Item::id).toList());
        List<Map<String, Object>> answer = new ArrayList<>();
        for (OutboxStore.Item item : items) {
            answer.add(view(item, downloads.getOrDefault(item.id(), List.of())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", pageNumber);
        body.put("size", pageSize);
        body.put("items", answer);
        return body;
    }

    /**
     * The file of one item, its download recorded (who, for which organisation, when); 404 when it does not
     * exist, the caller may not read it (no hint which) or the file is no longer in the outbox folder.
     */
    public Download download(String id, String caller) {
        OutboxStore.Item item = store.find(id == null ? "" : id)
                .filter(i -> mayRead(caller, i.organisation()))
                .orElseThrow(() -> ApiProblemException.notFound("No outbox item " + id + " for " + caller + "."));
        Path file = outboxFolder.resolve(item.organisation()).resolve(item.fileName()).normalize();
        if (!file.startsWith(outboxFolder) || !Files.isRegularFile(file)) {
            throw ApiProblemException.notFound("Outbox item " + id + " is no longer in the outbox.");
        }
        store.downloaded(item.id(), caller, item.organisation());
        return new Download(file, item.fileName(), contentType(item.fileName()));
    }

    /** How track &amp; trace links an entry to its outbox items. */
    public static Map<String, Object> link(OutboxStore.Item item) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", item.id());
        link.put("kind", item.kind().name());
        link.put("href", "/api/v1/outbox/" + item.id());
        return link;
    }

    boolean mayRead(String caller, String organisation) {
        return registry.mayReadFor(caller, organisation);
    }

    private static Map<String, Object> view(OutboxStore.Item item, List<OutboxStore.Download> downloads) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", item.id());
        v.put("organisation", item.organisation());
        v.put("kind", item.kind().name());
        v.put("fileName", item.fileName());
        v.put("created", item.created().toString());
        if (item.deliveryId() == null) {
            v.put("delivery", null);
        } else {
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("id", item.deliveryId());
            delivery.put("entry", item.entryIndex());
            v.put("delivery", delivery);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (OutboxStore.Download d : downloads) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("by", d.downloadedBy());
            m.put("organisation", d.organisation());
            m.put("at", d.at().toString());
            list.add(m);
        }
        v.put("downloads", list);
        v.put("href", "/api/v1/outbox/" + item.id());
        return v;
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
