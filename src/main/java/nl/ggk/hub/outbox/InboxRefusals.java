package nl.ggk.hub.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.Fo01Request;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * A file refused at the inbox door (an empty file, one that is not a plain file) gets a Fo01 in its organisation's
 * outbox, as every other refusal does, so that the gemeente hears of it where it looks; the original is in
 * quarantine beside its reason. No message carried it, so the Fo01's crossRefnummer is a new reference number.
 * A folder that is no registered organisation gets none: there is no one to tell, and the outbox gets no folder of
 * a name someone made up.
 */
public final class InboxRefusals {

    /** The Fo01 to write, or none (null item) when the folder is no registered organisation. */
    public record Answer(OutboxItem item) {

        public boolean hasOrganisation() {
            return item != null;
        }
    }

    private final ErrorCodes codes;
    private final Fo01Writer writer;
    private final OrganisationRegistry registry;

    public InboxRefusals(ErrorCodes codes, Fo01Writer writer, OrganisationRegistry registry) {
        this.codes = codes;
        this.writer = writer;
        this.registry = registry;
    }

    /**
     * The Fo01 of a refused inbox file quarantined as {@code quarantined} ({@code <org>/<stamp>-<name>}), named
     * after it; none when the folder is no registered organisation.
     */
    public Answer fo01(Quarantine.Item quarantined, Throwable refusal) throws IOException {
        String name = quarantined.name();
        int slash = name.indexOf('/');
        String organisation = slash < 0 ? null : name.substring(0, slash);
        if (organisation == null || !registry.isKnown(organisation)) {
            return new Answer(null);
        }
        String stampedName = name.substring(slash + 1);
        ErrorCode listed = codes.forReason(IntakeRejectedException.reasonOf(refusal));
        String detail = AnswerText.masked(IntakeRejectedException.messageOf(refusal)) + ".";
        // the code's text speaks of a ZIP or a message (IB905: "Het ZIP-bestand ... is leeg"); where it has no room
        // for the reason found, the reason found is the omschrijving: it names the file and what to do
        ErrorCode code = listed.omschrijving().contains(ErrorCode.DETAIL_PLACEHOLDER) ? listed
                : new ErrorCode(listed.code(), listed.plek(), ErrorCode.DETAIL_PLACEHOLDER, listed.description());
        String crossRef = StufIds.newReferentienummer();
        ByteArrayOutputStream fo01 = new ByteArrayOutputStream(4096);
        writer.write(Fo01Request.of(StufSysteem.organisatie(organisation), crossRef, code, detail, null, null), fo01);
        String subject = stampedName.contains("-") ? stampedName.substring(stampedName.indexOf('-') + 1) : stampedName;
        return new Answer(new OutboxItem(organisation, OutboxKind.FO01,
                "Fo01-" + FileNames.baseName(stampedName, ".xml") + ".xml", fo01.toByteArray(), null, null, crossRef,
                subject, code.code(), code.omschrijving(detail)));
    }
}
