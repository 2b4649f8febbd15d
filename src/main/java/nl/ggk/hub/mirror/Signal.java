package nl.ggk.hub.mirror;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing the comparison with earlier deliveries noticed: a warning, never a refusal.
 *
 * @param code  stable, for machines: {@code FIRST_DELIVERY}, {@code GROUP_MISSING}, {@code CHANGE}, {@code BALANCE}
 * @param groep the group it is about (e.g. productcategorie {@code 05}); {@code null}: the whole file
 * @param tekst what changed and what to check, in Dutch
 */
public record Signal(String code, @Schema(nullable = true) String groep, String tekst) {

    public static final String FIRST_DELIVERY = "FIRST_DELIVERY";
    public static final String GROUP_MISSING = "GROUP_MISSING";
    public static final String CHANGE = "CHANGE";
    public static final String BALANCE = "BALANCE";
}
