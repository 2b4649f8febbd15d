package nl.ggk.hub.split;

import nl.ggk.hub.routing.OutputFile;

/**
 * A refused entry with its answer: the error code, the Fo01 to write to the outbox (named relative to the
 * outbox folder) and the line track &amp; trace shows.
 */
public record Rejection(EntryMessage entry, String code, String detail, OutputFile fo01) {

    /** The entry as delivered was stored: it goes to quarantine beside the Fo01. */
    public boolean hasOriginal() {
        return entry.originalRef() != null;
    }
}
