package nl.ggk.hub.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.QueryParameters;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.outbox.OutboxStore;

/**
 * {@code GET /api/v1/berichtenverkeer/download}: everything of the berichtenverkeer that arrived in an
 * organisation's outbox (messages from care providers, Fo01s about iWmo/iJw/SVB deliveries) as one ZIP, each item's
 * download recorded as {@code GET /api/v1/outbox/{id}} records it. The ZIP is built in the work folder and
 * streamed from there, never held in memory; the file is gone once the stream is closed.
 */
public final class BerichtenverkeerZip {

    /** The ZIP to send: the route streams {@code content} with these headers. */
    public record Download(InputStream content, String fileName, int items) {
        public String contentDisposition() {
            return "attachment; filename=\"" + fileName + "\"";
        }

        public String contentType() {
            return "application/zip";
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm");
    private static final int PAGE = 200;

    private final OutboxStore outbox;
    private final ActivityStore activity;
    private final OrganisationRegistry registry;
    private final Path outboxFolder;
    private final Path workFolder;
    private final Set<OutboxKind> kinds;
    private final int maxItems;
    private final Clock clock;
    private final ZoneId zone;

    public BerichtenverkeerZip(OutboxStore outbox, ActivityStore activity, OrganisationRegistry registry,
                               Path outboxFolder, Path workFolder, Set<OutboxKind> kinds, int maxItems, Clock clock,
                               ZoneId zone) {
        this.outbox = outbox;
        this.activity = activity;
        this.registry = registry;
        this.outboxFolder = outboxFolder.toAbsolutePath().normalize();
        this.workFolder = workFolder;
        this.kinds = Set.copyOf(kinds);
        this.maxItems = maxItems;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The ZIP of {@code organisation} (default: the caller) since {@code since} (ISO instant, default: all), newest
     * first, at most {@code ggk.berichtenverkeer.max-items} items; 403 for an organisation the caller may not read,
     * 404 (in Dutch) when there is nothing.
     */
    public Download download(String caller, String organisation, String since) {
        return download(caller, null, organisation, since);
    }

    /** As above; {@code callerName} who downloads, as a person reads it (header GgkUserName), recorded per item. */
    public Download download(String caller, String callerName, String organisation, String since) {
        String org = organisation == null || organisation.isBlank() ? caller : organisation.trim();
        if (!registry.mayReadFor(caller, org)) {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag het berichtenverkeer van " + org + " niet lezen.");
        }
        List<OutboxStore.Item> items = items(org, QueryParameters.instant(since));
        if (items.isEmpty()) {
            throw new ApiProblemException(404, "Geen berichten", "no-messages",
                    "Er zijn geen berichten (berichten van zorgaanbieders of Fo01-foutberichten) voor "
                            + registry.displayName(org) + " (" + org + ")"
                            + (since == null || since.isBlank() ? "." : " sinds " + since.trim() + "."));
        }
        String name = "berichtenverkeer-" + org + "-" + STAMP.format(clock.instant().atZone(zone)) + ".zip";
        try {
            Files.createDirectories(workFolder);
            Path zip = Files.createTempFile(workFolder, "berichtenverkeer-", ".zip.part");
            try {
                try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                    for (OutboxStore.Item item : items) {
                        ZipEntry entry = new ZipEntry(item.fileName());
                        entry.setTime(item.created().toEpochMilli());
                        z.putNextEntry(entry);
                        Files.copy(file(item), z);
                        z.closeEntry();
                    }
                }
                InputStream content = openOnce(zip);
                for (OutboxStore.Item item : items) {
                    outbox.downloaded(item.id(), caller, item.organisation(), callerName);
                }
                return new Download(content, name, items.size());
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(zip);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the berichtenverkeer ZIP of " + org, e);
        }
    }

    /** The berichtenverkeer items whose file is still in the outbox folder, newest first. */
    List<OutboxStore.Item> items(String organisation, java.time.Instant since) {
        List<OutboxStore.Item> candidates = new ArrayList<>();
        for (int page = 0; candidates.size() < maxItems; page++) {
            List<OutboxStore.Item> found = outbox.list(List.of(organisation), since, page, PAGE);
            for (OutboxStore.Item item : found) {
                if (kinds.contains(item.kind()) && java.nio.file.Files.isRegularFile(file(item))) {
                    candidates.add(item);
                }
            }
            if (found.size() < PAGE) {
                break;
            }
        }
        // a Fo01 about a GMSD file belongs to the CBS tab (Rapporten), not to the berichtenverkeer
        Set<String> deliveries = new LinkedHashSet<>();
        candidates.stream().filter(i -> i.kind() == OutboxKind.FO01 && i.deliveryId() != null)
                .forEach(i -> deliveries.add(i.deliveryId()));
        Map<String, String> entryKinds = activity.entryKinds(deliveries);
        List<OutboxStore.Item> result = new ArrayList<>();
        for (OutboxStore.Item item : candidates) {
            boolean cbsFo01 = item.kind() == OutboxKind.FO01 && item.entryIndex() != null
                    && "CBS".equals(entryKinds.get(item.deliveryId() + "#" + item.entryIndex()));
            if (!cbsFo01 && result.size() < maxItems) {
                result.add(item);
            }
        }
        return result;
    }

    /**
     * A stream of the file that leaves nothing behind: on a POSIX file system the name is removed at once (the open
     * stream still reads it, and a client that hangs up leaves no file), elsewhere when the stream is closed.
     */
    private static InputStream openOnce(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            InputStream in = Files.newInputStream(file);
            Files.delete(file);
            return in;
        }
        return Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
    }

    private Path file(OutboxStore.Item item) {
        Path file = outboxFolder.resolve(item.organisation()).resolve(item.fileName()).normalize();
        if (!file.startsWith(outboxFolder)) {
            throw new IllegalStateException("outbox item " + item.id() + " names a file outside the outbox");
        }
        return file;
    }
}
