package nl.ggk.hub.zip;

import java.util.List;

/** The outcome of splitting a ZIP: one {@link ZipEntryOutcome} per usable entry, in archive order. */
public record SplitResult(List<ZipEntryOutcome> entries) {

    public SplitResult {
        entries = List.copyOf(entries);
    }

    public List<ZipEntryOutcome> accepted() {
        return entries.stream().filter(ZipEntryOutcome::accepted).toList();
    }

    public List<ZipEntryOutcome> rejected() {
        return entries.stream().filter(e -> !e.accepted()).toList();
    }

    public long totalUncompressedBytes() {
        return entries.stream().mapToLong(ZipEntryOutcome::size).sum();
    }
}
