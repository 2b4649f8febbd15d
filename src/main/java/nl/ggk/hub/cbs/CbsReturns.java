package nl.ggk.hub.cbs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.cbs.messages.CbsMessages.CbsMessage;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxItem;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.ws.WsDispatcher;
import nl.ggk.hub.ws.WsEndpoint;

/**
 * The return path from RINIS/CBS: a report (PDF) the chain side sent through the web service is stored
 * ({@link #accept}, before the Bv03), then put in the outboxes as a ZIP holding the PDF ({@link #outboxItems}):
 * the gemeente's, and the samenwerkingsverband's when it delivered the file the report is about.
 */
public final class CbsReturns {

    /** A report received from the chain side, as it travels on {@code ggk.cbs.return}. */
    public record ReturnMessage(String referentienummer, String crossRefnummer, String berichtcode, String zender,
                                String gemeente, String bestandsnaam, String functie, String payloadRef,
                                String deliveryId, Integer entryIndex, String sender, String aboutFile,
                                String tijdstipBericht) {

        /** Without the message's tijdstipBericht (a message queued before it was kept). */
        public ReturnMessage(String referentienummer, String crossRefnummer, String berichtcode, String zender,
                             String gemeente, String bestandsnaam, String functie, String payloadRef,
                             String deliveryId, Integer entryIndex, String sender, String aboutFile) {
            this(referentienummer, crossRefnummer, berichtcode, zender, gemeente, bestandsnaam, functie, payloadRef,
                    deliveryId, entryIndex, sender, aboutFile, null);
        }
    }

    /**
     * The outbox items of one report (for {@code direct:outbox}, one per receiving organisation), and the track
     * &amp; trace line.
     */
    public record Items(ReturnMessage message, List<OutboxItem> items, String detail) {

        /** The report is about a file the hub forwarded: its entry in track &amp; trace hears of it. */
        public boolean aboutDelivery() {
            return message.deliveryId() != null;
        }
    }

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final java.util.regex.Pattern GMSD_FILE =
            java.util.regex.Pattern.compile("[0-9]{4}_[A-Z]+_[0-9]{4}H[12]");

    private final ContentStore store;
    private final CbsMessages messages;
    private final OrganisationRegistry registry;
    private final long maxPdfBytes;

    public CbsReturns(ContentStore store, CbsMessages messages, OrganisationRegistry registry, long maxPdfBytes) {
        this.store = store;
        this.messages = messages;
        this.registry = registry;
        this.maxPdfBytes = maxPdfBytes;
    }

    /**
     * Stores the payload (forced to disk) and links a Du01 to the Di01 it answers.
     *
     * @throws IllegalArgumentException a Du01 whose crossRefnummer names no Di01 the hub sent (nothing accepted)
     */
    public ReturnMessage accept(WsEndpoint.Received received) throws IOException {
        WsDispatcher.Decision.Process process = (WsDispatcher.Decision.Process) received.decision();
        Envelope envelope = process.request().envelope();
        CbsMessage about = null;
        if (envelope.crossRefnummer() != null) {
            about = messages.byReferentienummer(envelope.crossRefnummer()).orElse(null);
        }
        if (about == null && Envelope.DI01.equals(envelope.berichtcode()) && envelope.bestandsnaam() != null) {
            // a Di01 has no crossRefnummer: a report names the GMSD file it is about in its bestandsnaam
            java.util.regex.Matcher file = GMSD_FILE.matcher(envelope.bestandsnaam());
            if (file.find()) {
                about = messages.latestForwarded(envelope.ontvanger().organisatie(), file.group() + ".csv")
                        .orElse(null);
            }
        }
        if (Envelope.DU01.equals(envelope.berichtcode()) && about == null) {
            throw new IllegalArgumentException("Du01 " + envelope.referentienummer()
                    + " answers no Di01 the hub sent (crossRefnummer " + envelope.crossRefnummer() + ")");
        }
        String payloadRef;
        try (InputStream in = Files.newInputStream(received.payload())) {
            payloadRef = store.store(in, maxPdfBytes, true).ref();
        }
        String gemeente = envelope.ontvanger().organisatie();
        return new ReturnMessage(envelope.referentienummer(), envelope.crossRefnummer(), envelope.berichtcode(),
                envelope.zender().organisatie(), gemeente, envelope.bestandsnaam(), envelope.functie(), payloadRef,
                about == null ? null : about.deliveryId(), about == null ? null : about.entryIndex(),
                about == null ? null : about.sender(), about == null ? null : about.filename(),
                envelope.tijdstipBericht());
    }

    /**
     * The ZIP with the PDF for every organisation that receives it: the gemeente, and the samenwerkingsverband that
     * delivered the file the report is about. Each item keeps the referentienummer of the CBS message that carried
     * the report (as its crossRef: a terugmelding on it refers to that message). Refuses what is not a PDF.
     */
    public Items outboxItems(ReturnMessage message) throws IOException {
        byte[] pdf;
        try (InputStream in = store.open(message.payloadRef())) {
            pdf = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPdfBytes + 1));
        }
        if (pdf.length > maxPdfBytes || pdf.length < PDF_MAGIC.length
                || !java.util.Arrays.equals(pdf, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            throw new IllegalArgumentException("report " + message.referentienummer() + " is not a PDF of at most "
                    + maxPdfBytes + " bytes");
        }
        String kind = kind(message);
        String about = withoutExtension(FileNames.safe(message.aboutFile() != null ? message.aboutFile()
                : message.bestandsnaam() == null ? message.gemeente() : message.bestandsnaam()));
        // deterministic: the same report redelivered gets the same name (fileExist=Ignore keeps the first)
        // "-cbs-" tells CBS's report from the hub's own technical feedback on the same file
        String zipName = kind + "-cbs-" + about + "-" + message.referentienummer().substring(0, 8) + ".zip";
        String pdfName = message.bestandsnaam() != null ? FileNames.safe(message.bestandsnaam()) : kind + ".pdf";
        byte[] zip = zip(pdfName, pdf, entryTime(message.tijdstipBericht()));
        OutboxKind outboxKind = switch (kind) {
            case "technische-terugkoppeling" -> OutboxKind.TECHNISCHE_TERUGKOPPELING_CBS;
            case "op-orde" -> OutboxKind.OP_ORDE;
            default -> OutboxKind.SPIEGELRAPPORT;
        };
        String subject = message.aboutFile() != null ? message.aboutFile() : message.bestandsnaam();
        List<OutboxItem> items = new ArrayList<>();
        items.add(item(message.gemeente(), outboxKind, zipName, zip, message, subject));
        if (message.sender() != null && registry.isSamenwerkingsverband(message.sender())) {
            items.add(item(message.sender(), outboxKind, zipName, zip, message, subject));
        }
        String shown = switch (kind) {
            case "technische-terugkoppeling" -> "technische terugkoppeling";
            case "op-orde" -> "op-orde rapport";
            default -> "spiegelrapport";
        };
        return new Items(message, items, "terugkoppeling CBS ontvangen: " + shown
                + (subject == null ? "" : " over " + AnswerText.masked(subject)));
    }

    /** {@code 0384_WMO_2026H1.csv} → {@code 0384_WMO_2026H1}: the name inside the ZIP's name, without its type. */
    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static OutboxItem item(String organisation, OutboxKind kind, String zipName, byte[] zip,
                                   ReturnMessage message, String subject) {
        return new OutboxItem(organisation, kind, zipName, zip, message.deliveryId(), message.entryIndex(),
                message.referentienummer(), subject, null, null);
    }

    private static String kind(ReturnMessage message) {
        if (Envelope.DU01.equals(message.berichtcode())) {
            return "technische-terugkoppeling";
        }
        String text = (message.functie() + " " + message.bestandsnaam()).toLowerCase(Locale.ROOT);
        return text.contains("orde") ? "op-orde" : "spiegelrapport";
    }

    /**
     * The PDF's time in the ZIP: when CBS sent it (its tijdstipBericht, Dutch time), so that a redelivered message
     * gives the same bytes; the time it is packed when the message does not say (a user's unzip tool shows it, and
     * 1 January 1970 would look like a broken file).
     */
    static long entryTime(String tijdstipBericht) {
        if (tijdstipBericht != null && tijdstipBericht.matches("\\d{14}\\d{0,3}")) {
            try {
                return java.time.LocalDateTime.parse(tijdstipBericht.substring(0, 14),
                                java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                        .atZone(java.time.ZoneId.of("Europe/Amsterdam")).toInstant().toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                // not a real time: the packing time below
            }
        }
        return System.currentTimeMillis();
    }

    private static byte[] zip(String name, byte[] content, long time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setTime(time);
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
