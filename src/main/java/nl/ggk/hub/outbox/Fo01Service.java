package nl.ggk.hub.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Fo01Request;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.TrackStore;
import nl.ggk.hub.track.TrackStore.EntryUpdate;

/**
 * Refuses an entry the way the GGk does: a StUF 03.01 Fo01 in {@code outbox/<sender>/}, the original in
 * quarantine, and REJECTED with the code in track &amp; trace. Safe to repeat for the same entry (a
 * redelivered message): the Fo01 already written is kept, so its referentienummer stays the same.
 */
public final class Fo01Service {

    private static final Set<String> XML_KINDS = Set.of("IWMO", "IJW");

    private final Path outboxRoot;
    private final Path quarantineRoot;
    private final ContentStore store;
    private final ErrorCodes codes;
    private final Fo01Writer writer;
    private final TrackStore track;

    public Fo01Service(Path outboxRoot, Path quarantineRoot, ContentStore store, ErrorCodes codes, Fo01Writer writer,
                       TrackStore track) {
        this.outboxRoot = outboxRoot;
        this.quarantineRoot = quarantineRoot;
        this.store = store;
        this.codes = codes;
        this.writer = writer;
        this.track = track;
    }

    /** Writes the Fo01 for a refused entry and returns its code. */
    public String reject(EntryMessage entry, String sender) throws IOException {
        return reject(entry, sender, entry.reason(), entry.detail());
    }

    /** Refuses an entry after a later check (the GMSD technical check), from what its message carries. */
    public String rejectChecked(String deliveryId, int index, String name, String kind, String originalRef,
                                String crossRef, String sender, String reason, String detail) throws IOException {
        EntryMessage entry = new EntryMessage(deliveryId, index, name, kind, null, originalRef, originalRef,
                false, reason, detail, crossRef == null ? deliveryId : crossRef, name, null);
        return reject(entry, sender, reason, detail);
    }

    /** Refuses an entry for {@code reason} (e.g. a later check such as the GMSD validation). */
    public String reject(EntryMessage entry, String sender, String reason, String detail) throws IOException {
        ErrorCode code = codes.forReason(reason);
        String safeName = FileNames.safe(entry.name());
        Path fo01 = outboxRoot.resolve(FileNames.safe(sender))
                .resolve("Fo01-" + entry.deliveryId() + "-" + entry.index() + "-" + safeName.replaceFirst("(?i)\\.xml$", "")
                        + ".xml");
        if (!Files.exists(fo01)) {
            Path original = entry.originalRef() == null ? null : store.path(entry.originalRef());
            Path originalXml = original != null && (entry.enveloped() || XML_KINDS.contains(entry.kind()))
                    ? original : null;
            Fo01Request request = Fo01Request.of(StufSysteem.organisatie(sender), entry.crossRef(), code,
                    omschrijvingDetail(entry, reason, detail), AnswerText.masked(entry.fo01Details()), originalXml);
            writeAtomically(fo01, out -> writer.write(request, out));
        }
        if (entry.originalRef() != null) {
            Path kept = quarantineRoot.resolve(FileNames.safe(sender))
                    .resolve(entry.deliveryId() + "-" + entry.index() + "-" + safeName);
            if (!Files.exists(kept)) {
                try (InputStream in = store.open(entry.originalRef())) {
                    writeAtomically(kept, out -> in.transferTo(out));
                }
                Files.writeString(kept.resolveSibling(kept.getFileName() + ".reason.txt"),
                        "code: " + code.code() + "\nreason: " + reason + "\ndetail: " + AnswerText.masked(detail)
                                + "\ndelivery: " + entry.deliveryId() + "\nentry: " + entry.index() + "\n");
            }
        }
        track.recordEntries(entry.deliveryId(), java.util.List.of(new EntryUpdate(entry.index(), null, null, null,
                DeliveryStatus.REJECTED, null, code.code(), outboxRoot.relativize(fo01).toString(),
                code.code() + " " + code.omschrijving(ErrorReasons.GMSD_REJECTED.equals(reason)
                        ? AnswerText.masked(detail) : omschrijvingDetail(entry, reason, detail)))));
        return code.code();
    }

    /**
     * The Dutch omschrijving says why and what to do (the detail beans report is Dutch); a GMSD check points to
     * its feedback ZIP instead, whose summary is too long for 200 characters.
     */
    private static String omschrijvingDetail(EntryMessage entry, String reason, String detail) {
        if (ErrorReasons.GMSD_REJECTED.equals(reason) || detail == null || detail.isBlank()) {
            return AnswerText.masked("Bestand: " + entry.name() + "."
                    + (ErrorReasons.GMSD_REJECTED.equals(reason) ? " Zie de technische terugkoppeling." : ""));
        }
        return AnswerText.masked(detail);
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writing writing) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(temp)) {
            writing.to(out);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
