package nl.ggk.hub.mirror;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Columns columns = new Columns(spec, spec.figures());
        Handler handler = new Handler(columns, spec.header(),
                name.year() * 10000 + (name.half() == 1 ? 101 : 701),
                name.year() * 10000 + (name.half() == 1 ? 630 : 1231));
        try (CsvReader<Boolean> csv = CsvReader.builder().fieldSeparator(spec.separatorChar())
                .quoteCharacter(spec.quotesAllowed() ? '"' : NO_QUOTE)
                .skipEmptyLines(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(handler, new InputStreamReader(new NonClosing(in), StandardCharsets.ISO_8859_1))) {
            for (Boolean ignored : csv) {
                // the handler counts as records pass
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, Figures.Counts> counted = new LinkedHashMap<>();
        handler.groups.forEach((code, tally) -> counted.put(code, tally.counts()));
        return new Figures(name.gemeentecode(), name.type(), name.halfYearLabel(), handler.whole.counts(), counted);
    }

    /** The columns the figures read, by index ({@code -1}: the type has none). */
    private static final class Columns {
        final int clients;
        final int[] unknownClients;
        final int group;
        final int sum;
        final int[] start;
        final int[] end;

        Columns(FileSpec spec, FiguresSpec figures) {
            clients = figures.clients() == null ? -1 : spec.columnIndex(figures.clients());
            unknownClients = clients < 0 ? new int[0] : spec.columns().get(clients).unknownValues().stream()
                    .filter(v -> v.matches("\\d{9}")).mapToInt(Integer::parseInt).toArray();
            group = figures.group() == null ? -1 : spec.columnIndex(figures.group());
            sum = figures.sum() == null ? -1 : spec.columnIndex(figures.sum());
            start = indices(spec, figures.start());
            end = indices(spec, figures.end());
        }

        boolean dates() {
            return start.length > 0;
        }
    }

    /**
     * A FastCSV callback handler: per record it keeps only the few numbers the figures need (client, group, dates,
     * sum), straight from the parser's buffer, and adds the record to the whole file's and its group's tally.
     */
    private final class Handler extends AbstractBaseCsvCallbackHandler<Boolean> {
        final Tally whole;
        final Map<String, Tally> groups = new LinkedHashMap<>();
        private final Columns columns;
        private final int periodStart;
        private final int periodEnd;
        private final int[] startValues;
        private final int[] endValues;
        private boolean skipHeader;
        private boolean filled;
        private int client;
        private String group;
        private long sum;

        Handler(Columns columns, boolean header, int periodStart, int periodEnd) {
            this.columns = columns;
            this.whole = new Tally(columns);
            this.skipHeader = header;
            this.periodStart = periodStart;
            this.periodEnd = periodEnd;
            this.startValues = new int[columns.start.length];
            this.endValues = new int[columns.end.length];
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            filled = false;
            client = -1;
            group = "?";
            sum = 0;
            java.util.Arrays.fill(startValues, 0);
            java.util.Arrays.fill(endValues, 0);
        }

        @Override
        protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
            filled |= len > 0;
            if (index == columns.clients) {
                client = (int) digits(buf, off, len, 9);
                for (int unknown : columns.unknownClients) {
                    if (client == unknown) {
                        client = -1;
                    }
                }
            }
            if (index == columns.group) {
                group = groupCode(buf, off, len);
            }
            if (index == columns.sum) {
                sum = Math.max(digits(buf, off, len, 15), 0);
            }
            for (int i = 0; i < columns.start.length; i++) {
                if (index == columns.start[i]) {
                    startValues[i] = len == 0 ? 0 : (int) Math.max(digits(buf, off, len, 8), 0);
                }
            }
            for (int i = 0; i < columns.end.length; i++) {
                if (index == columns.end[i]) {
                    endValues[i] = len == 0 ? 0 : (int) Math.max(digits(buf, off, len, 8), 0);
                }
            }
        }

        @Override
        protected Boolean buildRecord() {
            if (!filled) {
                return Boolean.FALSE; // an empty line
            }
            if (skipHeader) {
                skipHeader = false;
                return Boolean.FALSE;
            }
            boolean start = false;
            boolean stop = false;
            boolean ongoing = false;
            if (columns.dates()) {
                int from = first(startValues);
                int to = first(endValues);
                start = from >= periodStart && from <= periodEnd;
                stop = to >= periodStart && to <= periodEnd;
                ongoing = from > 0 && from <= periodEnd && (to <= 0 || to > periodEnd);
            }
            whole.add(client, start, stop, ongoing, sum);
            if (columns.group >= 0) {
                Tally tally = groups.get(group);
                if (tally == null) {
                    String code = groups.size() >= maxGroups ? OTHER : group;
                    tally = groups.computeIfAbsent(code, c -> new Tally(columns));
                }
                tally.add(client, start, stop, ongoing, sum);
            }
            return Boolean.TRUE;
        }

        /** The group value as kept: the same String as the last one when the characters are the same. */
        private String groupCode(char[] buf, int off, int len) {
            if (len == 0 || len > 20) {
                return "?";
            }
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    return "?";
                }
            }
            String last = group;
            if (last != null && last.length() == len && last.contentEquals(java.nio.CharBuffer.wrap(buf, off, len))) {
                return last;
            }
            return new String(buf, off, len);
        }

        private int first(int[] values) {
            for (int value : values) {
                if (value > 0) {
                    return value;
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

        void add(int client, boolean start, boolean stop, boolean ongoing, long amount) {
            records++;
            if (clients != null && client >= 0) {
                clients.add(client);
            }
            starts += start ? 1 : 0;
            stops += stop ? 1 : 0;
            this.ongoing += ongoing ? 1 : 0;
            sum += amount;
        }

        Figures.Counts counts() {
            boolean dates = columns.dates();
            return new Figures.Counts(records, clients == null || clients.full() ? null : (long) clients.size(),
                    dates ? starts : null, dates ? stops : null, dates ? ongoing : null,
                    columns.sum >= 0 ? sum : null);
        }
    }

    private static int[] indices(FileSpec spec, List<String> names) {
        return names.stream().mapToInt(spec::columnIndex).filter(i -> i >= 0).toArray();
    }

    /** The field as a number of at most {@code length} digits (a client exactly 9), or -1. */
    private static long digits(char[] buf, int off, int len, int length) {
        if (len == 0 || len > length || (length == 9 && len != 9)) {
            return -1;
        }
        long n = 0;
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
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
