package nl.ggk.hub.optin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The format an opt-in travels to CBS in ({@code ggk.optin.format}): the working specification's CSV, or its
 * {@code .xlsx} variant. The hub's check always reads the CSV (an xlsx is a ZIP, which the intake would split), so
 * the variant is rendered from the checked CSV just before the forwarding wraps it ({@link #forCbs}).
 */
public final class OptinFormat {

    /** Formats an opt-in can be forwarded in. */
    public enum Format { CSV, XLSX }

    /** The functie the classification gives an opt-in file. */
    static final String OPTIN = "OPTIN";
    /** An opt-in CSV is two short rows: anything larger is not one. */
    private static final int MAX_CSV = 4096;

    private final Format format;
    private final ContentStore store;

    public OptinFormat(Format format, ContentStore store) {
        this.format = format;
        this.store = store;
    }

    /** {@code csv} or {@code xlsx} (any case), as the setting is written. */
    public static Format parse(String setting) {
        try {
            return Format.valueOf(setting.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("ggk.optin.format must be csv or xlsx, not " + setting);
        }
    }

    public Format format() {
        return format;
    }

    /**
     * The entry as it goes to CBS: unchanged, unless it is an opt-in and the format is xlsx; then its payload is the
     * xlsx rendered from the CSV (stored in the content store) under the name {@code <code>_OPTIN_<yyyy>H<n>.xlsx}.
     */
    public EntryMessage forCbs(EntryMessage entry) throws IOException {
        if (format != Format.XLSX || !OPTIN.equals(entry.functie()) || entry.name() == null
                || !entry.name().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return entry;
        }
        byte[] csv;
        try (InputStream in = store.open(entry.payloadRef())) {
            csv = in.readNBytes(MAX_CSV + 1);
        }
        if (csv.length > MAX_CSV) {
            throw new IOException("opt-in " + entry.name() + " is larger than " + MAX_CSV + " bytes");
        }
        String ref = store.store(new ByteArrayInputStream(xlsx(rows(csv)))).ref();
        String name = entry.name().substring(0, entry.name().length() - ".csv".length()) + ".xlsx";
        return new EntryMessage(entry.deliveryId(), entry.sender(), entry.receivedAt(), entry.index(), name,
                entry.kind(), entry.functie(), ref, entry.originalRef(), entry.enveloped(), entry.reason(),
                entry.detail(), entry.crossRef(), entry.fo01Details(), entry.receiver(), entry.delivery());
    }

    /** The rows of a {@code ;}-separated CSV (no quoting, as the working specification says). */
    static List<String[]> rows(byte[] csv) {
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(csv, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split(";", -1));
            }
        }
        return rows;
    }

    /** One sheet {@code OPTIN} holding the rows as text cells (never formulas), through Apache POI. */
    static byte[] xlsx(List<String[]> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("OPTIN");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                String[] values = rows.get(r);
                for (int c = 0; c < values.length; c++) {
                    row.createCell(c).setCellValue(values[c]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
