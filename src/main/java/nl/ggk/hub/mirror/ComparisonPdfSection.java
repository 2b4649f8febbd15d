package nl.ggk.hub.mirror;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPCellEvent;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The section "Vergelijking met uw eerdere aanleveringen" of the technical feedback PDF: the signals, a table of the
 * main measure per group and half year, and a small bar chart of the whole file per half year (drawn as vectors).
 */
final class ComparisonPdfSection {

    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);
    private static final Font NORMAL = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL);
    private static final Font SMALL_BOLD = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Color HEADER = new Color(230, 230, 230);
    private static final Color BAR = new Color(21, 66, 115);
    private static final Color BAR_NOW = new Color(204, 122, 0);
    private static final float CHART_HEIGHT = 120;

    private final Comparison comparison;

    ComparisonPdfSection(Comparison comparison) {
        this.comparison = comparison;
    }

    void addTo(Document document) throws DocumentException {
        Paragraph heading = new Paragraph("Vergelijking met uw eerdere aanleveringen", HEADING);
        heading.setSpacingBefore(14);
        document.add(heading);
        Measure measure = comparison.measure();
        document.add(new Paragraph("De hub vergelijkt dit bestand met de eerdere " + comparison.now().type()
                + "-bestanden van uw gemeente (" + measure.naam() + " per halfjaar). Een signaal is een waarschuwing,"
                + " geen afkeuring. Kijk wel of het klopt voordat het CBS ernaar vraagt.", NORMAL));
        List<Signal> signals = comparison.signals();
        boolean none = signals.isEmpty();
        Paragraph count = new Paragraph(none ? "Geen signalen: de cijfers liggen in de lijn van het vorige halfjaar."
                : signals.size() == 1 ? "1 signaal:" : signals.size() + " signalen:", NORMAL);
        count.setSpacingBefore(6);
        document.add(count);
        for (Signal signal : signals) {
            Paragraph item = new Paragraph("•  " + signal.tekst(), NORMAL);
            item.setIndentationLeft(12);
            item.setFirstLineIndent(-8);
            document.add(item);
        }
        if (comparison.shown().size() > 1) {
            document.add(table(measure));
            document.add(chart(measure));
        }
    }

    private PdfPTable table(Measure measure) {
        List<Figures> shown = comparison.shown();
        float[] widths = new float[shown.size() + 1];
        widths[0] = 40;
        for (int i = 1; i < widths.length; i++) {
            widths[i] = 60f / shown.size();
        }
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        table.setHeaderRows(1);
        table.addCell(header(capitalised(measure.naam()) + (measure.euro() ? " (euro)" : "")));
        for (Figures f : shown) {
            table.addCell(header(f.period()));
        }
        row(table, "Het hele bestand", shown.stream().map(f -> measure.of(f.whole())).toList(), measure);
        TreeSet<String> groups = new TreeSet<>();
        shown.forEach(f -> groups.addAll(f.groups().keySet()));
        for (String code : groups) {
            row(table, comparison.spec().figures().groupName(code),
                    shown.stream().map(f -> measure.of(f.groups().get(code))).toList(), measure);
        }
        return table;
    }

    private static void row(PdfPTable table, String name, List<Long> values, Measure measure) {
        table.addCell(new Phrase(name, SMALL));
        for (Long value : values) {
            PdfPCell cell = new PdfPCell(new Phrase(value == null ? "-" : measure.euro()
                    ? Measure.number(Math.round(value / 100.0)) : Measure.number(value), SMALL));
            cell.setHorizontalAlignment(PdfPCell.ALIGN_RIGHT);
            table.addCell(cell);
        }
    }

    private static PdfPCell header(String text) {
        PdfPCell cell = new PdfPCell(new Phrase(text, SMALL_BOLD));
        cell.setBackgroundColor(HEADER);
        return cell;
    }

    /** A bar per half year (the delivered one in another colour), drawn in a cell of fixed height. */
    private PdfPTable chart(Measure measure) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (Figures f : comparison.shown()) {
            labels.add(f.period());
            Long value = measure.of(f.whole());
            values.add(value == null ? 0 : measure.euro() ? Math.round(value / 100.0) : value);
        }
        PdfPTable table = new PdfPTable(1);
        table.setWidthPercentage(60);
        table.setHorizontalAlignment(PdfPTable.ALIGN_LEFT);
        table.setSpacingBefore(8);
        PdfPCell title = new PdfPCell(new Phrase("Grafiek: " + measure.naam() + (measure.euro() ? " (euro)" : "")
                + " van het hele bestand per halfjaar", SMALL_BOLD));
        title.setBorder(Rectangle.NO_BORDER);
        table.addCell(title);
        PdfPCell canvas = new PdfPCell();
        canvas.setFixedHeight(CHART_HEIGHT);
        canvas.setBorder(Rectangle.NO_BORDER);
        canvas.setCellEvent(new Bars(labels, values));
        table.addCell(canvas);
        return table;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Draws the bars, the axis and the labels into the cell's rectangle. */
    private record Bars(List<String> labels, List<Long> values) implements PdfPCellEvent {

        @Override
        public void cellLayout(PdfPCell cell, Rectangle box, PdfContentByte[] canvases) {
            PdfContentByte canvas = canvases[PdfPTable.LINECANVAS];
            BaseFont font;
            try {
                font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            } catch (DocumentException | java.io.IOException e) {
                throw new IllegalStateException("Helvetica is built in", e);
            }
            long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
            float left = box.getLeft() + 4;
            float bottom = box.getBottom() + 14;
            float top = box.getTop() - 14;
            float slot = (box.getWidth() - 8) / values.size();
            float barWidth = Math.min(40, slot * 0.6f);
            canvas.saveState();
            canvas.setColorStroke(Color.GRAY);
            canvas.setLineWidth(0.5f);
            canvas.moveTo(left, bottom);
            canvas.lineTo(box.getRight() - 4, bottom);
            canvas.stroke();
            for (int i = 0; i < values.size(); i++) {
                float height = (top - bottom) * values.get(i) / max;
                float x = left + i * slot + (slot - barWidth) / 2;
                canvas.setColorFill(i == values.size() - 1 ? BAR_NOW : BAR);
                canvas.rectangle(x, bottom, barWidth, height);
                canvas.fill();
                canvas.beginText();
                canvas.setColorFill(Color.BLACK);
                canvas.setFontAndSize(font, 7);
                canvas.showTextAligned(PdfContentByte.ALIGN_CENTER, labels.get(i), x + barWidth / 2, bottom - 9, 0);
                canvas.showTextAligned(PdfContentByte.ALIGN_CENTER, Measure.number(values.get(i)), x + barWidth / 2,
                        bottom + height + 3, 0);
                canvas.endText();
            }
            canvas.restoreState();
        }
    }
}
