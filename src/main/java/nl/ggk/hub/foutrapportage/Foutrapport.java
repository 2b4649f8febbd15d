package nl.ggk.hub.foutrapportage;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.report.SpreadsheetCells;

/**
 * Renders the foutrapportage of one organisation and period: every Fo01 it received (time, code, Dutch
 * omschrijving, delivery, file), as CSV (UTF-8 with BOM, {@code ;}, CRLF, formula-neutralised) or as a PDF.
 */
public final class Foutrapport {

    /** What is reported: whose, which period (dates inclusive) and its Fo01s, oldest first. */
    public record Period(String organisation, String organisationName, LocalDate from, LocalDate to,
                         List<OutboxStore.Item> fo01s) {
    }

    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font NORMAL = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL);
    private static final Font SMALL_BOLD = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final String[] HEADER = {"tijdstip", "code", "omschrijving", "levering", "bestand", "fo01"};

    private final ZoneId zone;

    public Foutrapport(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code foutrapportage-<org>-<from>-<to>.<extension>}. */
    public static String fileName(Period period, String extension) {
        return "foutrapportage-" + period.organisation() + "-" + period.from() + "-" + period.to() + "." + extension;
    }

    public byte[] csv(Period period) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(';').lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord(HEADER);
            for (OutboxStore.Item item : period.fo01s()) {
                csv.writeRecord(row(item));
            }
        }
        return out.toByteArray();
    }

    public byte[] pdf(Period period) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        // portrait, as a person prints it; one foutbericht a row: when, code, the file it was about, what is wrong
        // (the delivery and Fo01 ids are in the CSV, for a program)
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Foutrapportage " + period.organisation());
            document.addCreator("GGk");
            document.open();
            document.add(new Paragraph("Foutrapportage", TITLE));
            document.add(new Paragraph("Organisatie: " + period.organisationName() + " (" + period.organisation() + ")",
                    NORMAL));
            document.add(new Paragraph("Periode: " + DATE.format(period.from()) + " t/m " + DATE.format(period.to()),
                    NORMAL));
            document.add(new Paragraph(period.fo01s().isEmpty()
                    ? "In deze periode heeft uw organisatie geen foutberichten (Fo01) ontvangen."
                    : "Aantal foutberichten (Fo01): " + period.fo01s().size(), NORMAL));
            document.add(new Paragraph(" ", NORMAL));
            if (!period.fo01s().isEmpty()) {
                PdfPTable table = new PdfPTable(new float[] {2.4f, 1.2f, 3.4f, 7f});
                table.setWidthPercentage(100);
                table.setHeaderRows(1);
                for (String title : new String[] {"Tijdstip", "Code", "Bestand", "Omschrijving"}) {
                    table.addCell(new PdfPCell(new Phrase(title, SMALL_BOLD)));
                }
                for (OutboxStore.Item item : period.fo01s()) {
                    for (String value : new String[] {SHOWN.format(item.created().atZone(zone)),
                            nullToEmpty(item.code()), nullToEmpty(item.subject()), nullToEmpty(item.description())}) {
                        table.addCell(new PdfPCell(new Phrase(value, SMALL)));
                    }
                }
                document.add(table);
            }
        } catch (DocumentException e) {
            throw new IOException("cannot render the foutrapportage", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private String[] row(OutboxStore.Item item) {
        return new String[] {SHOWN.format(item.created().atZone(zone)), nullToEmpty(item.code()),
                SpreadsheetCells.neutralised(nullToEmpty(item.description())), nullToEmpty(item.deliveryId()),
                SpreadsheetCells.neutralised(nullToEmpty(item.subject())), item.fileName()};
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
