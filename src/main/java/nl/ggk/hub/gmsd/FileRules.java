package nl.ggk.hub.gmsd;

/**
 * Rules over the whole file.
 *
 * @param notEmpty                     the file must hold at least one data record
 * @param gemeentecodeColumn           the column holding the gemeentecode (null = none)
 * @param singleGemeentecode           all records carry the same gemeentecode
 * @param gemeentecodeMatchesFileName  that gemeentecode equals the one in the file name
 * @param senderMayDeliver             the sender is the gemeente or a samenwerkingsverband it belongs to
 */
public record FileRules(boolean notEmpty, String gemeentecodeColumn, boolean singleGemeentecode,
                        boolean gemeentecodeMatchesFileName, boolean senderMayDeliver) {
}
