package nl.ggk.hub.report;

import java.time.Instant;

/**
 * What the report says about the delivery besides the check itself.
 *
 * @param organisationCode the delivering organisation (gemeentecode or samenwerkingsverband id)
 * @param organisationName its display name
 * @param fileName         the delivered file (a CSV, or the ZIP that held the CSVs)
 * @param receivedAt       when the hub received it
 */
public record FeedbackMeta(String organisationCode, String organisationName, String fileName, Instant receivedAt) {
}
