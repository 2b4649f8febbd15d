package nl.ggk.hub.cbs.simulator;

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
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import nl.ggk.hub.cbs.simulator.SimulatorCheck.Checked;
import nl.ggk.hub.cbs.simulator.SimulatorCheck.RuleCount;

/** The PDFs the CBS simulator sends back, in Dutch: the technical feedback and the spiegelrapport (OpenPDF). */
public final class SimulatorReports {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");
    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);
    private static final Font NORMAL = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL);

    private final ReferenceFigures figures;

    public SimulatorReports(ReferenceFigures figures) {
        this.figures = figures;
    }

    /** CBS's technical feedback on a delivered file: verdict, records, violations per rule. */
    public byte[] technicalFeedback(Checked checked, String gemeente, String gemeenteName, String referentienummer,
                                    Instant receivedAt) {
        return pdf(document -> {
            document.add(new Paragraph("Technische terugkoppeling CBS", TITLE));
            document.add(new Paragraph("Gemeentelijke Monitor Sociaal Domein", NORMAL));
            document.add(spacer());
            PdfPTable facts = table(2, new float[] {1.3f, 3f});
            fact(facts, "Gemeente", gemeenteName + " (" + gemeente + ")");
            fact(facts, "Bestand", checked.bestandsnaam());
            fact(facts, "Periode", checked.halfYear() == null ? "onbekend" : checked.halfYear());
            fact(facts, "Ontvangen door CBS", SHOWN.format(receivedAt.atZone(ZONE)));
            fact(facts, "Referentienummer", referentienummer);
            fact(facts, "Oordeel", checked.approved() ? "goedgekeurd" : "afgekeurd");
            fact(facts, "Aantal records", String.valueOf(checked.records()));
            fact(facts, "Aantal fouten", String.valueOf(checked.violations()));
            document.add(facts);
            document.add(spacer());
            if (checked.approved()) {
                document.add(new Paragraph("Het bestand is technisch goedgekeurd en wordt verwerkt."
                        + (checked.isWmo() ? " U ontvangt binnenkort een spiegelrapport." : ""), NORMAL));
            } else {
                document.add(new Paragraph("Het bestand is technisch afgekeurd en wordt niet verwerkt. Herstel de "
                        + "fouten hieronder en lever het bestand opnieuw aan.", NORMAL));
                document.add(spacer());
                PdfPTable rules = table(2, new float[] {4f, 1f});
                header(rules, "Controle", "Aantal");
                for (RuleCount rule : checked.rules()) {
                    cell(rules, rule.title(), Element.ALIGN_LEFT);
                    cell(rules, String.valueOf(rule.count()), Element.ALIGN_RIGHT);
                }
                document.add(rules);
            }
            document.add(spacer());
            document.add(new Paragraph("Deze terugkoppeling komt van de CBS-simulator van de GGk-hub.", SMALL));
        });
    }

    /** The gemeente's clients per productcategorie against the average of municipalities of similar size. */
    public byte[] spiegelrapport(String gemeente, String gemeenteName, String bestandsnaam, String halfYear,
                                 Map<String, Long> clientsPerCategory, Instant at) {
        ReferenceFigures.SizeClass similar = figures.similarTo(gemeente);
        long inhabitants = figures.inhabitants(gemeente);
        return pdf(document -> {
            document.add(new Paragraph("Spiegelrapport Wmo " + (halfYear == null ? "" : halfYear), TITLE));
            document.add(new Paragraph("Gemeentelijke Monitor Sociaal Domein", NORMAL));
            document.add(spacer());
            PdfPTable facts = table(2, new float[] {1.6f, 3f});
            fact(facts, "Gemeente", gemeenteName + " (" + gemeente + ")");
            fact(facts, "Bestand", bestandsnaam);
            fact(facts, "Inwoners", String.format(Locale.ROOT, "%,d", inhabitants).replace(',', '.'));
            fact(facts, "Vergeleken met", "gemeenten met " + similar.naam());
            fact(facts, "Opgesteld", SHOWN.format(at.atZone(ZONE)));
            document.add(facts);
            document.add(spacer());
            document.add(new Paragraph("Aantal cliënten per productcategorie", HEADING));
            PdfPTable table = table(5, new float[] {3f, 1.1f, 1.3f, 1.6f, 1.1f});
            header(table, "Productcategorie", "Cliënten", "Per 1.000 inwoners",
                    "Vergelijkbare gemeenten (per 1.000)", "Verschil");
            TreeSet<String> categories = new TreeSet<>(clientsPerCategory.keySet());
            for (String code : categories) {
                long clients = clientsPerCategory.get(code);
                double per1000 = inhabitants == 0 ? 0 : clients * 1000.0 / inhabitants;
                Double reference = similar.clientenPer1000().get(code);
                cell(table, code + " " + figures.categoryName(code), Element.ALIGN_LEFT);
                cell(table, String.valueOf(clients), Element.ALIGN_RIGHT);
                cell(table, decimal(per1000), Element.ALIGN_RIGHT);
                cell(table, reference == null ? "-" : decimal(reference), Element.ALIGN_RIGHT);
                cell(table, reference == null || reference == 0 ? "-"
                        : String.format(Locale.ROOT, "%+.0f%%", (per1000 - reference) * 100 / reference)
                        .replace('.', ','), Element.ALIGN_RIGHT);
            }
            document.add(table);
            document.add(spacer());
            document.add(new Paragraph("Wijkt een cijfer sterk af? Controleer uw levering en reageer zo nodig met "
                    + "een terugmelding.", NORMAL));
            document.add(spacer());
            document.add(new Paragraph("De referentiecijfers zijn synthetisch (CBS-simulator van de GGk-hub) en "
                    + "geen cijfers van CBS.", SMALL));
        });
    }

    private interface Content {
        void write(Document document) throws DocumentException;
    }

    private static byte[] pdf(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 50, 50, 50, 50);
        PdfWriter.getInstance(document, out);
        document.addTitle("CBS");
        document.open();
        try {
            content.write(document);
        } catch (DocumentException e) {
            throw new IllegalStateException("could not write the simulator's PDF", e);
        }
        document.close();
        return out.toByteArray();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace('.', ',');
    }

    private static Paragraph spacer() {
        return new Paragraph(" ", NORMAL);
    }

    private static PdfPTable table(int columns, float[] widths) {
        PdfPTable table = new PdfPTable(columns);
        table.setWidthPercentage(100);
        try {
            table.setWidths(widths);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        return table;
    }

    private static void fact(PdfPTable table, String label, String value) {
        PdfPCell l = new PdfPCell(new Phrase(label, BOLD));
        l.setBorder(0);
        PdfPCell v = new PdfPCell(new Phrase(value, NORMAL));
        v.setBorder(0);
        table.addCell(l);
        table.addCell(v);
    }

    private static void header(PdfPTable table, String... titles) {
        for (String title : titles) {
            table.addCell(new PdfPCell(new Phrase(title, BOLD)));
        }
    }

    private static void cell(PdfPTable table, String text, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(text, NORMAL));
        cell.setHorizontalAlignment(align);
        table.addCell(cell);
    }
}
