package nl.ggk.hub.gmsd;

import java.time.LocalDate;

/** What a GMSD file name tells: the file type, the gemeente and the half year delivered. */
public record GmsdFileName(String fileName, String type, String gemeentecode, int year, int half) {

    public LocalDate periodStart() {
        return LocalDate.of(year, half == 1 ? 1 : 7, 1);
    }

    public LocalDate periodEnd() {
        return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
    }

    /** First day of the half year as {@code yyyyMMdd} number, comparable with parsed dates. */
    int periodStartNumber() {
        return year * 10000 + (half == 1 ? 101 : 701);
    }

    int periodEndNumber() {
        return year * 10000 + (half == 1 ? 630 : 1231);
    }

    public String halfYearLabel() {
        return year + "H" + half;
    }
}
