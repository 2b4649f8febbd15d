package nl.ggk.hub.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.routing.OutputFile;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.Rejection;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Fo01Request;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * Refuses an entry the way the GGk does: a StUF 03.01 Fo01 for the sender's outbox with the code of the
 * entry's reason. The route writes it ({@code fileExist=Ignore}: a redelivered message keeps the Fo01
 * already written, so its referentienummer stays the same), quarantines the original and records REJECTED.
 */
public final class Fo01Service {

    private static final Set<Kind> XML_KINDS = EnumSet.of(Kind.IWMO, Kind.IJW);

    private final ContentStore store;
    private final ErrorCodes codes;
    private final Fo01Writer writer;

    public Fo01Service(ContentStore store, ErrorCodes codes, Fo01Writer writer) {
        this.store = store;
        this.codes = codes;
        this.writer = writer;
    }

    /** The Fo01 for a refused entry, named {@code <sender>/Fo01-<delivery>-<entry>-<name>.xml}. */
    public Rejection reject(EntryMessage entry) throws IOException {
        ErrorCode code = codes.forReason(entry.reason());
        String name = FileNames.safe(entry.sender()) + "/Fo01-" + entry.deliveryId() + "-" + entry.index() + "-"
                + FileNames.baseName(FileNames.safe(entry.name()), ".xml") + ".xml";
        Path original = entry.originalRef() == null ? null : store.path(entry.originalRef());
        Path originalXml = original != null && (entry.enveloped() || XML_KINDS.contains(entry.kind())) ? original : null;
        Fo01Request request = Fo01Request.of(StufSysteem.organisatie(entry.sender()), entry.crossRef(), code,
                omschrijvingDetail(entry), AnswerText.masked(entry.fo01Details()), originalXml);
        // a Fo01 holds at most one message (25 MB) besides its header: rendered in memory, written by the route
        ByteArrayOutputStream fo01 = new ByteArrayOutputStream(8192);
        writer.write(request, fo01);
        String shown = isGmsdRejection(entry) ? AnswerText.masked(entry.detail()) : omschrijvingDetail(entry);
        return new Rejection(entry, code.code(), code.code() + " " + code.omschrijving(shown),
                new OutputFile(name, fo01.toByteArray()));
    }

    private static boolean isGmsdRejection(EntryMessage entry) {
        return ErrorReasons.GMSD_REJECTED.equals(entry.reason());
    }

    /**
     * The Dutch omschrijving says why and what to do (the detail beans report is Dutch); a GMSD check points to
     * its feedback ZIP instead, whose summary is too long for 200 characters.
     */
    private static String omschrijvingDetail(EntryMessage entry) {
        if (isGmsdRejection(entry) || entry.detail() == null || entry.detail().isBlank()) {
            return AnswerText.masked("Bestand: " + entry.name() + "."
                    + (isGmsdRejection(entry) ? " Zie de technische terugkoppeling." : ""));
        }
        return AnswerText.masked(entry.detail());
    }
}
