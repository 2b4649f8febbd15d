package nl.ggk.hub.zip;

/**
 * What became of one file in a ZIP.
 *
 * @param index        position among the ZIP's usable entries (0-based; directories and
 *                     {@code __MACOSX/}/{@code .DS_Store} are skipped and not counted)
 * @param originalName the entry name as the archive gives it; for display only, never for the file system
 * @param safeName     sanitised base name, unique within the ZIP
 * @param ref          what the {@link EntrySink} returned, {@code null} when the entry was rejected
 * @param size         uncompressed bytes read (for a rejected entry: as far as it was read, or the declared size)
 * @param reason       {@code null} when accepted, otherwise the reason key (e.g. {@code zip-encrypted})
 * @param detail       English explanation for operators, {@code null} when accepted
 */
public record ZipEntryOutcome(int index, String originalName, String safeName, String ref, long size,
                              String reason, String detail) {

    public boolean accepted() {
        return reason == null;
    }
}
