package nl.ggk.hub.mirror;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.ggk.hub.gmsd.ColumnSpec;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.FiguresSpec;
import nl.ggk.hub.gmsd.GmsdFileName;

/**
 * Counts the figures of a GMSD file in one pass ({@code figures:} of its specification). Distinct clients are counted
 * in {@link IntSet}s that live only during the count; no value of a record leaves this class. The groups are bounded
 * ({@code maxGroups}; values beyond it are counted under {@value #OTHER}), so is each client set
 * ({@code maxClients}; beyond it the client count is unknown).
 */
public final class FigureCounter {

    /** The group that takes the values beyond {@code maxGroups}. */
    public static final String OTHER = "overig";

    /** No quoting: a character no file holds (a noncharacter, which ISO-8859-1 never decodes to). */
    private static final char NO_QUOTE = '\uFDD0';

    private final int maxGroups;
    private final int maxClients;

    public FigureCounter(int maxGroups, int maxClients) {
        this.maxGroups = maxGroups;
        this.maxClients = maxClients;
    }

    /** Reads {@code in} to the end (does not close it). The values read are digits: ISO-8859-1 never fails on them. */
    public Figures count(InputStream in, FileSpec spec, GmsdFileName name) throws IOException {
        FiguresSpec figures = spec.figures();
        Columns columns = new Columns(spec, figures);
        Tally whole = new Tally(columns);
        Map<String, Tally> groups = new LinkedHashMap<>();
        int periodStart = name.year() * 10000 + (name.half() == 1 ? 101 : 701);
        int periodEnd = name.year() * 10000 + (name.half() == 1 ? 630 : 1231);
        boolean skip = spec.header();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(spec.separatorChar())
                .quoteCharacter(spec.quotesAllowed() ? '"' : NO_QUOTE)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(new InputStreamReader(new NonClosing(in), StandardCharsets.ISO_8859_1))) {
            for (CsvRecord record : csv) {
                if (skip) {
                    skip = false;
                    continue;
                }
                Row row = columns.read(record, periodStart, periodEnd);
                whole.add(row);
                if (columns.group >= 0) {
                    String code = row.group;
                    Tally tally = groups.get(code);
                    if (tally == null) {
                        if (groups.size() >= maxGroups) {
                            code = OTHER;
                            tally = groups.get(code);
                        }
                        if (tally == null) {
                            tally = new Tally(columns);
                            groups.put(code, tally);
                        }
                    }
                    tally.add(row);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, Figures.Counts> counted = new LinkedHashMap<>();
        groups.forEach((code, tally) -> counted.put(code, tally.counts()));
        return new Figures(name.gemeentecode(), name.type(), name.halfYearLabel(), whole.counts(), counted);
    }

    /** What one record adds: its group, whether it has a client, and where its support stands. */
    private record Row(String group, int client, boolean start, boolean stop, boolean ongoing, long sum) {
    }

    private final class Columns {
        final int clients;
        final Set<String> unknownClients = new HashSet<>();
        final int group;
        final int sum;
        final int[] start;
        final int[] end;

        Columns(FileSpec spec, FiguresSpec figures) {
            clients = figures.clients() == null ? -1 : spec.columnIndex(figures.clients());
            if (clients >= 0) {
                ColumnSpec column = spec.columns().get(clients);
                unknownClients.addAll(column.unknownValues());
            }
            group = figures.group() == null ? -1 : spec.columnIndex(figures.group());
            sum = figures.sum() == null ? -1 : spec.columnIndex(figures.sum());
            start = indices(spec, figures.start());
            end = indices(spec, figures.end());
        }

        Row read(CsvRecord record, int periodStart, int periodEnd) {
            String code = group < 0 ? null : groupCode(field(record, group));
            int client = -1;
            if (clients >= 0) {
                String value = field(record, clients);
                if (!unknownClients.contains(value)) {
                    client = digits(value, 9);
                }
            }
            boolean start = false;
            boolean stop = false;
            boolean ongoing = false;
            if (this.start.length > 0) {
                int from = firstDate(record, this.start);
                int to = firstDate(record, this.end);
                start = from >= periodStart && from <= periodEnd;
                stop = to >= periodStart && to <= periodEnd;
                ongoing = from > 0 && from <= periodEnd && (to <= 0 || to > periodEnd);
            }
            long amount = sum < 0 ? 0 : Math.max(digitsLong(field(record, sum)), 0);
            return new Row(code, client, start, stop, ongoing, amount);
        }

        private int firstDate(CsvRecord record, int[] columns) {
            for (int column : columns) {
                String value = field(record, column);
                if (!value.isEmpty()) {
                    return digits(value, 8);
                }
            }
            return 0;
        }
    }

    /** The counts of a group (or the whole file) while the file is read. */
    private final class Tally {
        private final Columns columns;
        private final IntSet clients;
        private long records;
        private long starts;
        private long stops;
        private long ongoing;
        private long sum;

        Tally(Columns columns) {
            this.columns = columns;
            this.clients = columns.clients >= 0 ? new IntSet(maxClients) : null;
        }

        void add(Row row) {
            records++;
            if (clients != null && row.client() >= 0) {
                clients.add(row.client());
            }
            starts += row.start() ? 1 : 0;
            stops += row.stop() ? 1 : 0;
            ongoing += row.ongoing() ? 1 : 0;
            sum += row.sum();
        }

        Figures.Counts counts() {
            boolean dates = columns.start.length > 0;
            return new Figures.Counts(records, clients == null || clients.full() ? null : (long) clients.size(),
                    dates ? starts : null, dates ? stops : null, dates ? ongoing : null,
                    columns.sum >= 0 ? sum : null);
        }
    }

    private static int[] indices(FileSpec spec, List<String> names) {
        return names.stream().mapToInt(spec::columnIndex).filter(i -> i >= 0).toArray();
    }

    private static String field(CsvRecord record, int index) {
        return index < record.getFieldCount() ? record.getField(index) : "";
    }

    /** A group value as kept: letters and digits, at most 20; anything else is "?". */
    private static String groupCode(String value) {
        if (value.isEmpty() || value.length() > 20) {
            return "?";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return "?";
            }
        }
        return value;
    }

    /** The value as a number of at most {@code length} digits, or -1. */
    private static int digits(String value, int length) {
        if (value.length() != length) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static long digitsLong(String value) {
        if (value.isEmpty() || value.length() > 15) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The caller owns the stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // left open
        }
    }
}
