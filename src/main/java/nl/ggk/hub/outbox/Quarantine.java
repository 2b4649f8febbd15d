package nl.ggk.hub.outbox;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.intake.InboxFiles;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.split.Rejection;
import nl.ggk.hub.store.ContentStore;

/**
 * What goes to {@code quarantine/<org>/}: the original of rejected input and a {@code .reason.txt} beside
 * it, in one format for every channel (code, reason key, detail, delivery, entry, time). The
 * {@code quarantine} route writes both.
 */
public final class Quarantine {

    /** One quarantined input: its name under quarantine/, the original (null: already moved there), the reason. */
    public record Item(String name, Object original, String reason) {

        /** The original is written here (a refused inbox file: its consumer moves it to the same name). */
        public boolean hasOriginal() {
            return original != null;
        }
    }

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final ContentStore store;
    private final ErrorCodes codes;
    private final Clock clock;

    public Quarantine(ContentStore store, ErrorCodes codes, Clock clock) {
        this.store = store;
        this.codes = codes;
        this.clock = clock;
    }

    /** Where input refused at the door goes, relative to the quarantine folder (unique, safe). */
    public String nameFor(String organisation, String filename) {
        String folder = organisation == null ? "_unknown" : FileNames.safe(organisation);
        return folder + "/" + STAMP.format(clock.instant()) + "-" + InboxFiles.bounded(FileNames.safe(filename));
    }

    /**
     * A file refused at the inbox door, by its name relative to the inbox ({@code <org>/<name>}): the consumer moves
     * the original to the item's name itself ({@code moveFailed}).
     */
    public Item refusedInboxFile(String relativeName, Throwable refusal) {
        String name = relativeName == null ? null : relativeName.replace('\\', '/');
        return refusedFile(nameFor(FileNames.organisationFolder(name),
                name == null ? null : name.substring(name.lastIndexOf('/') + 1)), refusal);
    }

    /** A file refused at the inbox door: the consumer moves the original there itself ({@code moveFailed}). */
    public Item refusedFile(String name, Throwable refusal) {
        return new Item(name, null, refusal(refusal));
    }

    /** A message refused at a door (no delivery exists yet), with its original body. */
    public Item refusedMessage(Object original, String organisation, String filename, Throwable refusal) {
        return new Item(nameFor(organisation, filename), original, refusal(refusal));
    }

    /** A refused entry of a delivery: {@code <sender>/<delivery>-<entry>-<name>}, the stored original. */
    public Item rejectedEntry(Rejection rejection) {
        var entry = rejection.entry();
        String name = FileNames.safe(entry.sender()) + "/" + entry.deliveryId() + "-" + entry.index() + "-"
                + FileNames.safe(entry.name());
        return new Item(name, store.path(entry.originalRef()).toFile(),
                text(rejection.code(), entry.reason(), entry.detail(), entry.deliveryId(), entry.index()));
    }

    /** Input refused before it was accepted: no delivery and no entry yet. */
    private String refusal(Throwable refusal) {
        String reasonKey = IntakeRejectedException.reasonOf(refusal);
        return text(codes.forReason(reasonKey).code(), reasonKey, IntakeRejectedException.messageOf(refusal), null,
                null);
    }

    private String text(String code, String reasonKey, String detail, String deliveryId, Integer entry) {
        return "code: " + code + "\n"
                + "reason: " + reasonKey + "\n"
                + "detail: " + (detail == null ? "" : detail) + "\n"
                + "delivery: " + (deliveryId == null ? "(not accepted)" : deliveryId) + "\n"
                + "entry: " + (entry == null ? "" : entry) + "\n"
                + "at: " + clock.instant() + "\n";
    }
}
