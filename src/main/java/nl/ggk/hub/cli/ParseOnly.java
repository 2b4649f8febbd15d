package nl.ggk.hub.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The physical reference of {@code bench}'s whole-process figures: a JVM that does nothing but let FastCSV parse a
 * file (the same settings as the in-process parse-only run) and print the number of records. {@code bench} starts it
 * with the same JVM options as the {@code validate} process it is compared with.
 */
public final class ParseOnly {

    private ParseOnly() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(records(Path.of(args[0])));
    }

    static long records(Path file) throws IOException {
        long records = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(';')
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(file, StandardCharsets.UTF_8)) {
            for (CsvRecord ignored : reader) {
                records++;
            }
        }
        return records;
    }
}
