package nl.ggk.hub.gmsd;

import nl.ggk.hub.io.NonClosingOutputStream;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.report.SpreadsheetCells;

/**
 * The technical feedback a municipality gets on a GMSD delivery: a ZIP with a Dutch PDF report
 * ({@value #PDF_NAME}) and every violation in {@value #CSV_NAME} (as many as the validation kept).
 */
public final class FeedbackReport {

    public static final String PDF_NAME = "technische-terugkoppeling.pdf";
    public static final String CSV_NAME = "fouten.csv";

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss");
    private static final DateTimeFormatter IN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);
    private static final Font NORMAL = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL);
    private static final Font SMALL_BOLD = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Font ACCEPTED = new Font(Font.HELVETICA, 12, Font.BOLD, new Color(0, 110, 0));
    private static final Font REJECTED = new Font(Font.HELVETICA, 12, Font.BOLD, new Color(170, 0, 0));

    private final ZoneId zone;

    public FeedbackReport() {
        this(DEFAULT_ZONE);
    }

    public FeedbackReport(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * {@code technische-terugkoppeling-<file>-<time>-<delivery>.zip}: the file without extension, the receipt time
     * (local), the first 8 characters of the delivery id. Deterministic, so a redelivered message writes the same
     * name; the delivery part keeps two deliveries of one file within the same second apart (the outbox writes a
     * name once, so the second report would otherwise never be written).
     */
    public String zipName(String fileName, Instant at, String deliveryId) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        return "technische-terugkoppeling-" + base.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                + IN_NAME.format(at.atZone(zone)) + "-"
                + deliveryId.substring(0, Math.min(8, deliveryId.length())).replaceAll("[^A-Za-z0-9]", "_") + ".zip";
    }

    public void writeZip(ValidationResult result, FeedbackMeta meta, OutputStream out) throws IOException {
        writeZip(List.of(result), meta, out);
    }

    /** Writes the ZIP for one delivery (which may hold several GMSD files). Does not close {@code out}. */
    public void writeZip(List<ValidationResult> results, FeedbackMeta meta, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out), StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(PDF_NAME));
        writePdf(results, meta, zip);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(CSV_NAME));
        writeCsv(results, zip);
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    public void writeZip(List<ValidationResult> results, FeedbackMeta meta, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            writeZip(results, meta, out);
        }
    }

    public void writePdf(List<ValidationResult> results, FeedbackMeta meta, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            writePdf(results, meta, out);
        }
    }

    /** The PDF alone (e.g. for {@code validate --report}). Does not close {@code out}. */
    public void writePdf(List<ValidationResult> results, FeedbackMeta meta, OutputStream out) throws IOException {
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, new NonClosingOutputStream(out));
            writer.setCloseStream(false);
            document.addTitle("Technische terugkoppeling " + meta.fileName());
            document.addCreator("GGk");
            document.open();
            document.add(new Paragraph(meta.isOffline() ? "Controle vooraf van een GMSD-bestand"
                    : "Technische terugkoppeling GMSD-aanlevering", TITLE));
            document.add(spacer());
            boolean allAccepted = results.stream().allMatch(ValidationResult::accepted);
            List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"Organisatie", meta.organisationName() + " (" + meta.organisationCode() + ")"});
            rows.add(new String[] {"Bestand", meta.fileName()});
            if (meta.isOffline()) {
                rows.add(new String[] {"Gecontroleerd op", SHOWN.format(meta.receivedAt().atZone(zone))});
            } else {
                rows.add(new String[] {"Aanleveringsnummer", meta.deliveryId()
                        + " (noem dit nummer als u contact opneemt met de helpdesk)"});
                rows.add(new String[] {"Ontvangen op", SHOWN.format(meta.receivedAt().atZone(zone))});
            }
            rows.add(new String[] {"Oordeel", allAccepted ? "goedgekeurd" : "afgekeurd"});
            if (!meta.isOffline()) {
                rows.add(new String[] {"Status", allAccepted ? "wacht op doorzending naar het CBS"
                        : "niet doorgestuurd naar het CBS"});
                if (allAccepted && meta.replacesDelivery() != null) {
                    rows.add(new String[] {"Vervangt", "Deze levering vervangt de eerdere levering "
                            + meta.replacesDelivery() + " van "
                            + SHOWN.format(meta.replacesReceivedAt().atZone(zone)) + " (zoals het CBS doet)."});
                }
            }
            document.add(keyValues(rows.toArray(String[][]::new)));
            for (ValidationResult result : results) {
                addResult(document, result, results.size() > 1, meta.isOffline(),
                        result.fileName().equals(meta.fileName()), exampleCode(result, meta));
            }
            if (meta.comparison() != null) {
                meta.comparison().addTo(document);
            }
            if (meta.isOffline()) {
                addOfflineNextSteps(document, allAccepted);
            } else {
                addNextSteps(document, allAccepted, results);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IOException("PDF could not be written", e);
        }
    }

    /**
     * The gemeentecode an example file name in the advice should carry: the file's own, else the organisation's when
     * it is a gemeente (Diemen reads 0384_WMO_2026H1.csv, not Amsterdam's code).
     */
    private static String exampleCode(ValidationResult result, FeedbackMeta meta) {
        return result.recognised().map(GmsdFileName::gemeentecode)
                .orElse(meta.organisationCode() != null && meta.organisationCode().matches("\\d{4}")
                        ? meta.organisationCode() : null);
    }

    private void addResult(Document document, ValidationResult result, boolean several, boolean offline,
                           boolean nameShown, String exampleCode) throws DocumentException {
        document.add(spacer());
        if (several) {
            document.add(new Paragraph("Bestand " + result.fileName(), HEADING));
        }
        String type = result.recognised().map(GmsdFileName::type).orElse("onbekend");
        String period = result.recognised().map(GmsdFileName::halfYearLabel).orElse("-");
        List<String[]> rows = new java.util.ArrayList<>();
        if (!nameShown && !several) {
            // a file in a ZIP: the ZIP is named above, the file here
            rows.add(new String[] {"Bestandsnaam", result.fileName()});
        }
        rows.add(new String[] {"Bestandstype", type});
        rows.add(new String[] {"Periode", period});
        rows.add(new String[] {"Aantal records", String.valueOf(result.recordCount())});
        rows.add(new String[] {"Aantal bevindingen", String.valueOf(result.violationCount())});
        document.add(keyValues(rows.toArray(String[][]::new)));
        Paragraph verdict = new Paragraph();
        verdict.add(new Chunk("Oordeel: ", HEADING));
        verdict.add(new Chunk(result.verdict().dutch(), result.accepted() ? ACCEPTED : REJECTED));
        verdict.setSpacingBefore(6);
        document.add(verdict);
        if (result.accepted()) {
            document.add(new Paragraph("Het bestand voldoet aan de technische specificatie.", NORMAL));
            return;
        }
        for (ValidationResult.RuleResult rule : result.rules()) {
            Paragraph heading = new Paragraph(rule.title() + ": " + rule.count()
                    + (rule.count() == 1 ? " bevinding" : " bevindingen"), HEADING);
            heading.setSpacingBefore(10);
            document.add(heading);
            String advice = exampleCode == null ? rule.advice()
                    : rule.advice().replace(Rule.EXAMPLE_GEMEENTECODE + "_", exampleCode + "_");
            document.add(new Paragraph("Wat te doen: " + advice, NORMAL));
            if (!rule.examples().isEmpty()) {
                document.add(examples(rule, offline));
            }
        }
    }

    private PdfPTable examples(ValidationResult.RuleResult rule, boolean offline) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {8, 6, 20, 18, 48});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        for (String header : new String[] {"Regel", "Kolom", "Veld", "Waarde", "Toelichting"}) {
            PdfPCell cell = new PdfPCell(new Phrase(header, SMALL_BOLD));
            cell.setBackgroundColor(new Color(230, 230, 230));
            table.addCell(cell);
        }
        for (Violation v : rule.examples()) {
            table.addCell(new Phrase(v.line() == 0 ? "-" : String.valueOf(v.line()), SMALL));
            table.addCell(new Phrase(v.column() == 0 ? "-" : String.valueOf(v.column()), SMALL));
            table.addCell(new Phrase(v.field(), SMALL));
            table.addCell(new Phrase(v.value(), SMALL));
            table.addCell(new Phrase(v.explanation(), SMALL));
        }
        if (rule.count() > rule.examples().size()) {
            PdfPCell more = new PdfPCell(new Phrase("… en nog " + (rule.count() - rule.examples().size())
                    + " keer" + (offline ? "." : "; zie " + CSV_NAME + "."), SMALL));
            more.setColspan(5);
            table.addCell(more);
        }
        return table;
    }

    private void addNextSteps(Document document, boolean allAccepted, List<ValidationResult> results)
            throws DocumentException {
        document.add(spacer());
        document.add(new Paragraph("Wat moet u nu doen?", HEADING));
        if (allAccepted) {
            boolean wmo = results.stream().anyMatch(r -> r.recognised().map(n -> "WMO".equals(n.type())).orElse(false));
            document.add(new Paragraph("Niets. Het bestand is technisch goedgekeurd en wacht op doorzending naar het "
                    + "CBS. Het CBS controleert het bestand ook: de technische terugkoppeling van het CBS komt in uw "
                    + "outbox (Rapporten in het portaal)"
                    + (wmo ? ", en daarna het spiegelrapport, dat uw cijfers vergelijkt met die van vergelijkbare "
                            + "gemeenten; daarop kunt u reageren met een terugmelding." : "."), NORMAL));
            return;
        }
        document.add(new Paragraph("Het bestand is afgekeurd en niet doorgestuurd naar het CBS. Herstel de "
                + "bevindingen hierboven en lever het volledige bestand opnieuw aan; een nieuwe aanlevering "
                + "vervangt de vorige. Alle bevindingen staan regel voor regel in " + CSV_NAME
                + " in dezelfde ZIP.", NORMAL));
        boolean truncated = results.stream().anyMatch(ValidationResult::violationsTruncated);
        if (truncated) {
            document.add(new Paragraph("Let op: er zijn meer bevindingen dan in " + CSV_NAME
                    + " passen; de lijst toont de eerste " + results.stream().mapToInt(r -> r.violations().size()).sum()
                    + ".", NORMAL));
        }
    }

    /** An offline check delivered nothing: no ZIP, no CBS, nothing received. */
    private void addOfflineNextSteps(Document document, boolean allAccepted) throws DocumentException {
        document.add(spacer());
        document.add(new Paragraph("Wat moet u nu doen?", HEADING));
        document.add(new Paragraph(allAccepted
                ? "Het bestand voldoet aan de technische specificatie. Lever het aan bij het Gegevensknooppunt; "
                        + "pas dan wordt het doorgestuurd naar het CBS."
                : "Het bestand voldoet niet. Herstel de bevindingen hierboven en controleer het bestand opnieuw "
                        + "voordat u het aanlevert.", NORMAL));
    }

    private static PdfPTable keyValues(String[][] rows) {
        PdfPTable table = new PdfPTable(new float[] {25, 75});
        table.setWidthPercentage(100);
        for (String[] row : rows) {
            PdfPCell key = new PdfPCell(new Phrase(row[0], BOLD));
            key.setBorder(PdfPCell.NO_BORDER);
            PdfPCell value = new PdfPCell(new Phrase(row[1], NORMAL));
            value.setBorder(PdfPCell.NO_BORDER);
            table.addCell(key);
            table.addCell(value);
        }
        return table;
    }

    private static Paragraph spacer() {
        Paragraph spacer = new Paragraph(" ", NORMAL);
        spacer.setAlignment(Element.ALIGN_LEFT);
        return spacer;
    }

    /**
     * {@code fouten.csv}: UTF-8 with BOM (so that Excel shows é and ë), {@code ;}-separated, CRLF. Delivered values
     * that Excel would run as a formula are neutralised ({@link SpreadsheetCells}).
     */
    public void writeCsv(List<ValidationResult> results, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(new NonClosingOutputStream(out), StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(';').lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord("bestand", "regel", "kolom", "veld", "controle", "waarde", "toelichting");
            for (ValidationResult result : results) {
                for (Violation v : result.violations()) {
                    csv.writeRecord(SpreadsheetCells.neutralised(result.fileName()), String.valueOf(v.line()),
                            v.column() == 0 ? "" : String.valueOf(v.column()), SpreadsheetCells.neutralised(v.field()),
                            v.ruleId(), SpreadsheetCells.neutralised(v.value()),
                            SpreadsheetCells.neutralised(v.explanation()));
                }
            }
        }
    }
}
