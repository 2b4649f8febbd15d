package nl.ggk.hub.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the query parameters the list endpoints share; a bad value is a 400 naming the parameter. */
public final class QueryParameters {

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
            throw ApiProblemException.badRequest("'" + name + "' must be a non-negative number.");
        }
    }

    /** An ISO-8601 instant ({@code since}), or the epoch when absent. */
    public static Instant instant(String since) {
        if (since == null || since.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblemException.badRequest("'since' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z.");
        }
    }
}
