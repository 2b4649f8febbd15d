package nl.ggk.hub.gmsd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes a synthetic GMSD WMO file for 2025H1 with realistic values and a known share of faulty
 * records (each with exactly one error), for benchmarks and size tests. Deterministic for a seed.
 */
public final class SyntheticWmoFile {

    /** What was written. */
    public record Written(Path file, long bytes, long records, long faultyRecords) {
    }

    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 7, 1);
    private static final int DAYS = (int) (LocalDate.of(2025, 12, 31).toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
    private static final int H1_START = (int) (LocalDate.of(2025, 1, 1).toEpochDay() - FIRST_DAY.toEpochDay());
    private static final int H1_END = (int) (LocalDate.of(2025, 6, 30).toEpochDay() - FIRST_DAY.toEpochDay());
    private static final byte[][] DATES = new byte[DAYS][];
    private static final String[] EENHEDEN = {"01", "04", "14", "16", "82", "83", "84"};
    private static final String[] FREQUENTIES = {"1", "2", "4", "6"};
    private static final String[] REDENEN = {"02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39"};

    static {
        for (int i = 0; i < DAYS; i++) {
            DATES[i] = FIRST_DAY.plusDays(i).toString().replace("-", "").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private SyntheticWmoFile() {
    }

    /**
     * Writes about {@code targetBytes} bytes to {@code dir}/0363_WMO_2025H1.csv; one record in
     * {@code 1/errorShare} (e.g. 0.01 = 1 %) carries an error.
     */
    public static Written write(Path dir, long targetBytes, double errorShare, long seed) throws IOException {
        Path file = dir.resolve("0363_WMO_2025H1.csv");
        Random random = new Random(seed);
        long bytes = 0;
        long records = 0;
        long faulty = 0;
        int errorKind = 0;
        StringBuilder line = new StringBuilder(160);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            while (bytes < targetBytes) {
                line.setLength(0);
                boolean fault = random.nextDouble() < errorShare;
                appendRecord(line, random, fault ? errorKind++ % 6 : -1);
                line.append("\r\n");
                byte[] encoded = line.toString().getBytes(StandardCharsets.US_ASCII);
                out.write(encoded);
                bytes += encoded.length;
                records++;
                if (fault) {
                    faulty++;
                }
            }
        }
        return new Written(file, bytes, records, faulty);
    }

    private static void appendRecord(StringBuilder line, Random random, int errorKind) {
        int start = random.nextInt(H1_END + 1);
        int plannedEnd = Math.max(start, H1_START) + random.nextInt(180);
        boolean ended = random.nextInt(10) < 3;
        int actualStart = Math.min(start + random.nextInt(14), H1_END);
        int end = Math.min(Math.max(actualStart, H1_START) + random.nextInt(150), DAYS - 1);

        date(line, H1_END + 15).append(';');
        line.append("0363;");
        line.append(errorKind == 0 ? "123456789" : bsn(random)).append(';');
        int category = 1 + random.nextInt(18);
        line.append(errorKind == 2 ? "19" : category < 10 ? "0" + category : String.valueOf(category)).append(';');
        line.append(1 + random.nextInt(3)).append(';');
        date(line, start).append(';');
        if (random.nextBoolean()) {
            date(line, Math.min(plannedEnd, DAYS - 1));
        }
        line.append(';');
        line.append(1 + random.nextInt(2)).append(';');
        date(line, actualStart).append(';');
        if (errorKind == 1) {
            line.append("20250230");
        } else if (errorKind == 4) {
            date(line, Math.max(actualStart - 1 - random.nextInt(10), 0));
        } else if (ended && errorKind != 3) {
            date(line, end);
        }
        line.append(';');
        line.append(1 + random.nextInt(999)).append(';');
        line.append(EENHEDEN[random.nextInt(EENHEDEN.length)]).append(';');
        line.append(FREQUENTIES[random.nextInt(FREQUENTIES.length)]).append(';');
        if (random.nextInt(4) > 0) {
            line.append(random.nextInt(5_000_000));
        }
        if (errorKind != 5) {
            line.append(';');
        }
        if ((ended && errorKind != 3) || errorKind == 1 || errorKind == 4 || errorKind == 3) {
            line.append(REDENEN[random.nextInt(REDENEN.length)]);
        }
    }

    private static StringBuilder date(StringBuilder line, int day) {
        for (byte b : DATES[day]) {
            line.append((char) b);
        }
        return line;
    }

    /** A random 9-digit number that passes the elfproef. */
    static String bsn(Random random) {
        while (true) {
            int[] digits = new int[9];
            int sum = 0;
            digits[0] = 1 + random.nextInt(9);
            for (int i = 0; i < 8; i++) {
                if (i > 0) {
                    digits[i] = random.nextInt(10);
                }
                sum += (9 - i) * digits[i];
            }
            int check = sum % 11;
            if (check < 10) {
                digits[8] = check;
                StringBuilder sb = new StringBuilder(9);
                for (int d : digits) {
                    sb.append(d);
                }
                return sb.toString();
            }
        }
    }
}
