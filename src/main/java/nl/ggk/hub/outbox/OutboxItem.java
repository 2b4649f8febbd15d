package nl.ggk.hub.outbox;

import nl.ggk.hub.intake.FileNames;

/**
 * One file for an organisation's outbox, the message of the {@code outbox} route ({@code direct:outbox}): it
 * writes {@code content} to {@code outbox/<organisation>/<fileName>} and records the item. The file name must be
 * derived from the message (delivery id, entry index, referentienummer), so that a redelivery writes and records
 * nothing twice.
 *
 * @param content    bytes, a {@link java.nio.file.Path} or a {@link java.io.File}
 * @param deliveryId the delivery it concerns (null: none, e.g. a monthly foutrapportage)
 * @param entryIndex the entry of that delivery (null: the delivery as a whole)
 * @param crossRef   the referentienummer it refers to, if any
 * @param subject    the name of the delivered file or entry it concerns, for display (null: none)
 * @param code       a Fo01's error code (null for other kinds)
 * @param description a Fo01's Dutch omschrijving (null for other kinds)
 */
public record OutboxItem(String organisation, OutboxKind kind, String fileName, Object content, String deliveryId,
                         Integer entryIndex, String crossRef, String subject, String code,
                         String description) {

    public OutboxItem {
        if (organisation == null || organisation.isBlank() || kind == null || fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("an outbox item needs an organisation, a kind and a file name");
        }
        organisation = FileNames.safe(organisation);
        fileName = FileNames.safe(fileName);
    }

    public static OutboxItem of(String organisation, OutboxKind kind, String fileName, Object content,
                                String deliveryId, Integer entryIndex) {
        return new OutboxItem(organisation, kind, fileName, content, deliveryId, entryIndex, null, null, null, null);
    }

    /** Where the route writes it, relative to the outbox folder. */
    public String path() {
        return organisation + "/" + fileName;
    }
}
