package nl.ggk.hub.zip;

/**
 * Limits a ZIP must stay within. Sizes are counted on the bytes actually inflated, never on the sizes the
 * archive declares, so a lying archive is stopped as soon as it passes a limit.
 *
 * @param maxEntries                files allowed in one ZIP (IB902)
 * @param maxEntryBytes             uncompressed size allowed per file (IB904, 25 MiB)
 * @param maxTotalUncompressedBytes uncompressed size allowed for all files together
 * @param maxCompressionRatio       uncompressed/compressed ratio above which the ZIP counts as a zip bomb
 */
public record ZipLimits(int maxEntries, long maxEntryBytes, long maxTotalUncompressedBytes, int maxCompressionRatio) {

    public static final long MIB = 1024L * 1024L;

    public ZipLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalUncompressedBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("ZIP limits must be positive");
        }
    }

    /** The GGk's limits: 1000 files, 25 MiB per file, 2 GiB in total, ratio 100. */
    public static ZipLimits defaults() {
        return new ZipLimits(1000, 25 * MIB, 2048 * MIB, 100);
    }
}
