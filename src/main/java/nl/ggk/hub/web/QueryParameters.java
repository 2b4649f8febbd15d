package nl.ggk.hub.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the query parameters the API endpoints share; a bad value is a 400 whose Dutch detail names the parameter.
 * Every date and time lies in the years {@value #FIRST_YEAR}–{@value #LAST_YEAR}: java.time parses years up to
 * ±999,999,999, which overflow as soon as a day is added or the value reaches the database.
 */
public final class QueryParameters {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;
    /** The first and last day a date parameter may name. */
    public static final LocalDate FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(LAST_YEAR, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST_INSTANT = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final String RANGE = "tussen " + FIRST_YEAR + " en " + LAST_YEAR;

    private QueryParameters() {
    }

    /** A non-negative whole number, or {@code fallback} when absent. */
    public static int number(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("'" + name + "' moet een geheel getal van 0 of meer zijn.");
        }
    }

    /** The ISO-8601 instant of the parameter {@code since}, or the epoch when absent. */
    public static Instant instant(String since) {
        return instant(since, "since", Instant.EPOCH);
    }

    /** An ISO-8601 instant in the years 2000–2100, or {@code fallback} when absent. */
    public static Instant instant(String value, String name, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            instant = null;
        }
        if (instant == null || instant.isBefore(FIRST_INSTANT) || !instant.isBefore(AFTER_LAST_INSTANT)) {
            throw ApiProblemException.badRequest("'" + name + "' moet een tijdstip " + RANGE
                    + " zijn in ISO-8601, bijvoorbeeld 2026-01-01T00:00:00Z.");
        }
        return instant;
    }

    /** An ISO date (yyyy-MM-dd) in the years 2000–2100, or {@code fallback} when absent. */
    public static LocalDate date(String value, String name, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null || date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
            throw ApiProblemException.badRequest("'" + name + "' moet een datum " + RANGE
                    + " zijn, bijvoorbeeld 2026-01-31.");
        }
        return date;
    }
}
