package nl.ggk.hub.gmsd;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks each record as FastCSV parses it, straight from the parser's character buffer: no String per
 * field, dates parsed by arithmetic, codes compared as characters. Field findings of a record are held
 * back until the record is complete, because a record with the wrong number of columns (or a cut line)
 * gets a single finding instead of a cascade of misaligned ones.
 */
final class RecordChecker extends AbstractBaseCsvCallbackHandler<Boolean> {

    private static final int GROUP_NONE = 0;
    private static final int GROUP_GEMEENTECODE = 1;
    private static final int GROUP_JAAR = 2;
    private static final int GROUP_HALFJAAR = 3;
    private static final String OTHER_SEPARATORS = ";,\t|:";

    private final FileSpec spec;
    private final GmsdFileName fileName;
    private final Findings findings;
    private final ArrayDeque<Long> longLines;

    private final int columnCount;
    private final ColumnType[] types;
    private final boolean[] required;
    private final int[] minLength;
    private final int[] maxLength;
    private final Pattern[] patterns;
    private final CodeSet[] codes;
    private final CodeSet[] unknownValues;
    private final int[] fileNameGroup;
    private final char[][] expectedFromFileName;
    private final String[] titles;
    /**
     * The Dutch explanations that do not depend on the value, made once per file: a finding then costs no string
     * building, and the JIT compiles the per-field checks without the text assembly (a fresh {@code validate} runs
     * compiled code sooner).
     */
    private final String[] codeListExplanations;
    private final String[] patternExplanations;
    private final String[] expectedLengths;
    private final String[] conditionalRequired;
    private final String[] conditionalEmpty;
    private final String fileNameGemeentecodeExplanation;
    private final String fileNameHalfYearExplanation;
    private final String periodExplanation;
    private final int gemeentecodeColumn;
    private final boolean compareGemeentecodeWithFirst;
    private final int[][] conditionals;
    private final boolean[] conditionalEmptyOtherwise;
    private final int[][] dateOrder;
    private final int[] periodStart;
    private final int[] periodEnd;
    private final char separator;
    /** Values of conditional columns, kept per record so that a finding can show them. */
    private final char[][] keptValues;
    private final int[] keptLengths;

    // per record
    private final boolean[] present;
    private final int[] dates;
    private final Rule[] pendingRules;
    private final Violation[] pendingDetails;
    private int pendingCount;
    private boolean headerLike;
    private boolean headerMismatch;
    private char foundOtherSeparator;
    private String firstFieldShown;
    private int firstFieldLength;

    // per file
    private boolean firstRecordSeen;
    private boolean headerSeen;
    private long dataRecords;
    private long emptyLinesPending;
    private long firstPendingEmptyLine;
    private char[] firstGemeentecode;

    RecordChecker(FileSpec spec, GmsdFileName fileName, Findings findings, ArrayDeque<Long> longLines) {
        this.spec = spec;
        this.fileName = fileName;
        this.findings = findings;
        this.longLines = longLines;
        List<ColumnSpec> columns = spec.columns();
        columnCount = columns.size();
        types = new ColumnType[columnCount];
        required = new boolean[columnCount];
        minLength = new int[columnCount];
        maxLength = new int[columnCount];
        patterns = new Pattern[columnCount];
        codes = new CodeSet[columnCount];
        unknownValues = new CodeSet[columnCount];
        fileNameGroup = new int[columnCount];
        expectedFromFileName = new char[columnCount][];
        titles = new String[columnCount];
        codeListExplanations = new String[columnCount];
        patternExplanations = new String[columnCount];
        expectedLengths = new String[columnCount];
        for (int i = 0; i < columnCount; i++) {
            ColumnSpec column = columns.get(i);
            types[i] = column.type();
            required[i] = column.required();
            minLength[i] = column.minLength();
            maxLength[i] = column.maxLength();
            patterns[i] = column.compiledPattern();
            codes[i] = new CodeSet(column.codes());
            unknownValues[i] = column.unknownValues().isEmpty() ? null : new CodeSet(column.unknownValues());
            titles[i] = column.displayTitle();
            codeListExplanations[i] = "Code komt niet voor in de codelijst (" + String.join(", ", column.codes()) + ").";
            patternExplanations[i] = patterns[i] == null ? null
                    : "Waarde voldoet niet aan het patroon " + patterns[i].pattern() + ".";
            expectedLengths[i] = minLength[i] == maxLength[i] ? "precies " + maxLength[i]
                    : maxLength[i] == 0 ? "ten minste " + minLength[i]
                    : minLength[i] > 0 ? minLength[i] + " tot " + maxLength[i]
                    : "ten hoogste " + maxLength[i];
            String group = column.matchesFileName();
            if ("gemeentecode".equals(group)) {
                fileNameGroup[i] = GROUP_GEMEENTECODE;
                expectedFromFileName[i] = fileName.gemeentecode().toCharArray();
            } else if ("jaar".equals(group)) {
                fileNameGroup[i] = GROUP_JAAR;
                expectedFromFileName[i] = String.valueOf(fileName.year()).toCharArray();
            } else if ("halfjaar".equals(group)) {
                fileNameGroup[i] = GROUP_HALFJAAR;
                expectedFromFileName[i] = String.valueOf(fileName.half()).toCharArray();
            }
        }
        FileRules rules = spec.fileRules();
        gemeentecodeColumn = rules.gemeentecodeColumn() == null ? -1 : spec.columnIndex(rules.gemeentecodeColumn());
        if (gemeentecodeColumn >= 0 && rules.gemeentecodeMatchesFileName()) {
            fileNameGroup[gemeentecodeColumn] = GROUP_GEMEENTECODE;
            expectedFromFileName[gemeentecodeColumn] = fileName.gemeentecode().toCharArray();
        }
        compareGemeentecodeWithFirst = gemeentecodeColumn >= 0 && rules.singleGemeentecode()
                && fileNameGroup[gemeentecodeColumn] != GROUP_GEMEENTECODE;
        conditionals = new int[spec.conditionals().size()][];
        conditionalEmptyOtherwise = new boolean[conditionals.length];
        conditionalRequired = new String[conditionals.length];
        conditionalEmpty = new String[conditionals.length];
        for (int i = 0; i < conditionals.length; i++) {
            ConditionalRule rule = spec.conditionals().get(i);
            conditionals[i] = new int[] {spec.columnIndex(rule.column()), spec.columnIndex(rule.requiredWhen())};
            conditionalEmptyOtherwise[i] = rule.emptyOtherwise();
            String column = titles[conditionals[i][0]];
            String trigger = titles[conditionals[i][1]];
            conditionalRequired[i] = column + " is verplicht omdat " + trigger + " is ingevuld.";
            conditionalEmpty[i] = column + " moet leeg zijn omdat " + trigger + " leeg is.";
        }
        fileNameGemeentecodeExplanation = "Gemeentecode wijkt af van die in de bestandsnaam ("
                + fileName.gemeentecode() + ").";
        fileNameHalfYearExplanation = "Waarde wijkt af van het halfjaar in de bestandsnaam ("
                + fileName.halfYearLabel() + ").";
        periodExplanation = "De periode van het record valt niet in het halfjaar " + fileName.halfYearLabel() + " ("
                + fileName.periodStartNumber() + "-" + fileName.periodEndNumber() + ").";
        dateOrder = new int[spec.dateOrder().size()][];
        for (int i = 0; i < dateOrder.length; i++) {
            DateOrderRule rule = spec.dateOrder().get(i);
            dateOrder[i] = new int[] {spec.columnIndex(rule.earlier()), spec.columnIndex(rule.later())};
        }
        periodStart = spec.period() == null ? new int[0] : columnIndexes(spec, spec.period().start());
        periodEnd = spec.period() == null ? new int[0] : columnIndexes(spec, spec.period().end());
        separator = spec.separatorChar();
        keptValues = new char[columnCount][];
        keptLengths = new int[columnCount];
        for (int[] conditional : conditionals) {
            keptValues[conditional[0]] = new char[Masking.MAX_SHOWN];
        }
        present = new boolean[columnCount];
        dates = new int[columnCount];
        pendingRules = new Rule[columnCount * 3 + 8];
        pendingDetails = new Violation[pendingRules.length];
    }

    private static int[] columnIndexes(FileSpec spec, List<String> names) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = spec.columnIndex(names.get(i));
        }
        return indexes;
    }

    long dataRecords() {
        return dataRecords;
    }

    boolean headerSeen() {
        return headerSeen;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        pendingCount = 0;
        headerLike = false;
        headerMismatch = false;
        foundOtherSeparator = 0;
        firstFieldShown = null;
        firstFieldLength = -1;
        java.util.Arrays.fill(present, false);
    }

    @Override
    protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
        if (index == 0) {
            inspectFirstField(buf, off, len);
        }
        if (!firstRecordSeen && spec.header()) {
            if (index >= columnCount || !spec.columns().get(index).name().contentEquals(CharBuffer.wrap(buf, off, len))) {
                headerMismatch = true;
            }
            return;
        }
        if (index >= columnCount || headerLike) {
            return;
        }
        present[index] = len > 0;
        if (keptValues[index] != null) {
            keptLengths[index] = Math.min(len, keptValues[index].length);
            System.arraycopy(buf, off, keptValues[index], 0, keptLengths[index]);
        }
        checkField(index, buf, off, len);
    }

    private void inspectFirstField(char[] buf, int off, int len) {
        firstFieldLength = len;
        // a line that is one long field may use another separator; real first fields are short
        if (len > 8 && columnCount > 1) {
            for (int i = off; i < off + len; i++) {
                if (OTHER_SEPARATORS.indexOf(buf[i]) >= 0) {
                    foundOtherSeparator = buf[i];
                    break;
                }
            }
        }
        if (!firstRecordSeen && !spec.header() && len > 0 && types[0] != ColumnType.TEXT
                && Character.isLetter(buf[off])) {
            headerLike = true;
        }
        if (len > 8 || headerLike || !firstRecordSeen) {
            firstFieldShown = Masking.maskDigitRuns(new String(buf, off, Math.min(len, Masking.MAX_SHOWN + 1)));
        }
    }

    private void checkField(int index, char[] buf, int off, int len) {
        dates[index] = 0;
        if (len == 0) {
            if (required[index]) {
                pending(Rule.VERPLICHT, index, buf, off, len, "Verplicht veld is leeg.");
            }
            return;
        }
        if (buf[off] == '"' && !spec.quotesAllowed()) {
            pending(Rule.AANHALINGSTEKENS, index, buf, off, len, "Waarde staat tussen aanhalingstekens.");
            return;
        }
        if (unknownValues[index] != null && unknownValues[index].contains(buf, off, len)) {
            return;
        }
        switch (types[index]) {
            case DATE -> checkDate(index, buf, off, len);
            case INTEGER, AMOUNT -> {
                if (!allDigits(buf, off, len)) {
                    pending(Rule.PATROON, index, buf, off, len, types[index] == ColumnType.AMOUNT
                            ? "Bedrag moet uit alleen cijfers bestaan (eurocenten, zonder komma of punt)."
                            : "Waarde moet uit alleen cijfers bestaan.");
                    return;
                }
                checkLength(index, buf, off, len);
            }
            case CODE -> {
                if (!codes[index].contains(buf, off, len)) {
                    pending(Rule.CODELIJST, index, buf, off, len, codeListExplanations[index]);
                    return;
                }
            }
            case BSN -> checkBsn(index, buf, off, len);
            case TEXT -> {
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '"' && !spec.quotesAllowed()) {
                        pending(Rule.AANHALINGSTEKENS, index, buf, off, len, "Waarde bevat een aanhalingsteken.");
                        return;
                    }
                }
                checkLength(index, buf, off, len);
            }
        }
        if (patterns[index] != null && !patterns[index].matcher(CharBuffer.wrap(buf, off, len)).matches()) {
            pending(Rule.PATROON, index, buf, off, len, patternExplanations[index]);
            return;
        }
        if (fileNameGroup[index] != GROUP_NONE && !equalsChars(expectedFromFileName[index], buf, off, len)) {
            if (fileNameGroup[index] == GROUP_GEMEENTECODE) {
                pending(Rule.GEMEENTECODE_BESTAND, index, buf, off, len, fileNameGemeentecodeExplanation);
            } else {
                pending(Rule.PERIODE, index, buf, off, len, fileNameHalfYearExplanation);
            }
        }
        if (index == gemeentecodeColumn && compareGemeentecodeWithFirst) {
            if (firstGemeentecode == null) {
                firstGemeentecode = new char[len];
                System.arraycopy(buf, off, firstGemeentecode, 0, len);
            } else if (!equalsChars(firstGemeentecode, buf, off, len)) {
                pending(Rule.GEMEENTECODE_BESTAND, index, buf, off, len, moreThanOneGemeentecode());
            }
        }
    }

    private void checkLength(int index, char[] buf, int off, int len) {
        if (len < minLength[index] || (maxLength[index] > 0 && len > maxLength[index])) {
            pending(Rule.LENGTE, index, buf, off, len, lengthExplanation(index, len));
        }
    }

    private String lengthExplanation(int index, int len) {
        return "Waarde heeft " + len + " tekens; verwacht " + expectedLengths[index] + ".";
    }

    private String moreThanOneGemeentecode() {
        return "Het bestand bevat meer dan één gemeentecode (eerste: " + new String(firstGemeentecode) + ").";
    }

    private void checkDate(int index, char[] buf, int off, int len) {
        int value = 0;
        if (len == 8) {
            for (int i = off; i < off + 8; i++) {
                int digit = buf[i] - '0';
                if (digit < 0 || digit > 9) {
                    value = -1;
                    break;
                }
                value = value * 10 + digit;
            }
        }
        if (len != 8 || value < 0) {
            pending(Rule.DATUM, index, buf, off, len, "Geen datum in de vorm jjjjmmdd.");
            return;
        }
        int year = value / 10000;
        int month = value / 100 % 100;
        int day = value % 100;
        if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            pending(Rule.DATUM, index, buf, off, len, "Datum bestaat niet.");
            return;
        }
        dates[index] = year * 10000 + month * 100 + day;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private void checkBsn(int index, char[] buf, int off, int len) {
        int sum = 0;
        boolean digits = len == 9;
        for (int i = 0; i < 9 && digits; i++) {
            int digit = buf[off + i] - '0';
            if (digit < 0 || digit > 9) {
                digits = false;
            }
            sum += i < 8 ? (9 - i) * digit : -digit;
        }
        if (!digits) {
            pending(Rule.BSN_ELFPROEF, index, buf, off, len, "BSN moet uit precies 9 cijfers bestaan.");
            return;
        }
        if (sum % 11 != 0) {
            pending(Rule.BSN_ELFPROEF, index, buf, off, len, "BSN voldoet niet aan de elfproef.");
        }
    }

    private static boolean allDigits(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsChars(char[] expected, char[] buf, int off, int len) {
        if (expected.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (expected[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    private void pending(Rule rule, int index, char[] buf, int off, int len, String explanation) {
        if (pendingCount == pendingRules.length) {
            return;
        }
        pendingRules[pendingCount] = rule;
        pendingDetails[pendingCount] = findings.wantsDetail(rule)
                ? new Violation(rule.id(), getStartingLineNumber(), index + 1, titles[index],
                shown(index, new String(buf, off, Math.min(len, Masking.MAX_SHOWN + 1))), explanation)
                : null;
        pendingCount++;
    }

    private String shown(int index, String value) {
        return types[index] == ColumnType.BSN ? Masking.maskBsn(value) : Masking.maskDigitRuns(value);
    }

    @Override
    protected Boolean buildRecord() {
        long line = getStartingLineNumber();
        int fieldCount = getFieldCount();
        if (getRecordType() == RecordType.EMPTY || (fieldCount <= 1 && firstFieldLength <= 0)) {
            if (emptyLinesPending++ == 0) {
                firstPendingEmptyLine = line;
            }
            return Boolean.TRUE;
        }
        reportEmptyLinesBefore();
        while (!longLines.isEmpty() && longLines.peek() < line) {
            longLines.poll();
        }
        if (!longLines.isEmpty() && longLines.peek() == line) {
            longLines.poll();
            firstRecordSeen = true;
            dataRecords++;
            return Boolean.TRUE; // reported by the reader
        }
        boolean first = !firstRecordSeen;
        firstRecordSeen = true;
        if (first && spec.header()) {
            headerSeen = true;
            if (headerMismatch || fieldCount != columnCount) {
                findings.add(Rule.KOPREGEL, new Violation(Rule.KOPREGEL.id(), line, 0, "", nullToEmpty(firstFieldShown),
                        "De eerste regel moet de kopregel zijn: " + String.join(String.valueOf(separator),
                                spec.columns().stream().map(ColumnSpec::name).toList()) + "."));
            }
            return Boolean.TRUE;
        }
        if (first && headerLike) {
            headerSeen = true;
            findings.add(Rule.KOPREGEL, new Violation(Rule.KOPREGEL.id(), line, 0, "", nullToEmpty(firstFieldShown),
                    "Het bestand mag geen kopregel bevatten; de eerste regel lijkt een kopregel."));
            return Boolean.TRUE;
        }
        dataRecords++;
        if (fieldCount != columnCount) {
            if (fieldCount == 1 && foundOtherSeparator != 0) {
                findings.add(Rule.SEPARATOR, findings.wantsDetail(Rule.SEPARATOR)
                        ? new Violation(Rule.SEPARATOR.id(), line, 0, "", nullToEmpty(firstFieldShown),
                        "Regel bevat één kolom; gevonden scheidingsteken " + describe(foundOtherSeparator)
                                + ", verwacht " + describe(separator) + ".")
                        : null);
            } else {
                findings.add(Rule.KOLOMMEN, findings.wantsDetail(Rule.KOLOMMEN)
                        ? new Violation(Rule.KOLOMMEN.id(), line, 0, "", "",
                        "Regel heeft " + fieldCount + " kolommen; verwacht " + columnCount + ".")
                        : null);
            }
            return Boolean.TRUE;
        }
        for (int i = 0; i < pendingCount; i++) {
            findings.add(pendingRules[i], pendingDetails[i]);
        }
        checkRecordRules(line);
        return Boolean.TRUE;
    }

    private void checkRecordRules(long line) {
        for (int i = 0; i < conditionals.length; i++) {
            int column = conditionals[i][0];
            int trigger = conditionals[i][1];
            if (present[trigger] && !present[column]) {
                recordFinding(Rule.VOORWAARDELIJK, line, column, "", conditionalRequired[i]);
            } else if (!present[trigger] && present[column] && conditionalEmptyOtherwise[i]) {
                recordFinding(Rule.VOORWAARDELIJK, line, column, keptValueShown(column), conditionalEmpty[i]);
            }
        }
        for (int[] order : dateOrder) {
            int earlier = dates[order[0]];
            int later = dates[order[1]];
            if (earlier != 0 && later != 0 && later < earlier) {
                recordFinding(Rule.DATUMVOLGORDE, line, order[1], String.valueOf(later),
                        dateOrderExplanation(order, earlier, later));
            }
        }
        if (periodStart.length > 0) {
            int start = firstDate(periodStart);
            int end = firstDate(periodEnd);
            if (start != 0 && (start > fileName.periodEndNumber() || (end != 0 && end < fileName.periodStartNumber()))) {
                recordFinding(Rule.PERIODE, line, 0, periodShown(start, end), periodExplanation);
            }
        }
    }

    private String keptValueShown(int column) {
        return Masking.maskDigitRuns(new String(keptValues[column], 0, keptLengths[column]));
    }

    private String dateOrderExplanation(int[] order, int earlier, int later) {
        return titles[order[1]] + " (" + later + ") ligt vóór " + titles[order[0]] + " (" + earlier + ").";
    }

    private static String periodShown(int start, int end) {
        return start + "-" + (end == 0 ? "" : end);
    }

    private int firstDate(int[] columns) {
        for (int column : columns) {
            if (present[column]) {
                return dates[column]; // 0 when invalid: already reported, period not judged
            }
        }
        return 0;
    }

    private void recordFinding(Rule rule, long line, int column, String value, String explanation) {
        findings.add(rule, findings.wantsDetail(rule)
                ? new Violation(rule.id(), line, column == 0 && rule == Rule.PERIODE ? 0 : column + 1,
                rule == Rule.PERIODE ? "" : titles[column], value, explanation)
                : null);
    }

    private void reportEmptyLinesBefore() {
        if (emptyLinesPending > 0) {
            findings.addCount(Rule.KOLOMMEN, emptyLinesPending, findings.wantsDetail(Rule.KOLOMMEN)
                    ? new Violation(Rule.KOLOMMEN.id(), firstPendingEmptyLine, 0, "", "",
                    emptyLinesPending == 1 ? "Lege regel tussen de records."
                            : emptyLinesPending + " lege regels vanaf regel " + firstPendingEmptyLine + ".")
                    : null);
            emptyLinesPending = 0;
        }
    }

    private static String describe(char c) {
        return switch (c) {
            case '\t' -> "tab";
            case ',' -> "komma (,)";
            case ';' -> "puntkomma (;)";
            case '|' -> "verticale streep (|)";
            case ':' -> "dubbele punt (:)";
            default -> "'" + c + "'";
        };
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

}
