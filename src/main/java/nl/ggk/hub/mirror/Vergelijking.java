package nl.ggk.hub.mirror;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The comparison of a delivery with the gemeente's earlier half years of the same type, as the API answers it:
 * the figures per half year (oldest first, the delivered one last) and the signals. Aggregates only.
 */
public record Vergelijking(String gemeente, String type, String periode, List<Periode> perioden,
                           List<Signal> signalen) {

    /** The figures of one half year; a figure the type does not have is {@code null}. */
    public record Periode(String periode, long records, @Schema(nullable = true) Long clienten,
                          @Schema(nullable = true) Long starts, @Schema(nullable = true) Long stops,
                          @Schema(nullable = true) Long lopend, @Schema(nullable = true) Long som,
                          List<Groep> groepen) {
    }

    /** The figures of one group (e.g. a productcategorie) in a half year. */
    public record Groep(String code, String naam, long records, @Schema(nullable = true) Long clienten,
                        @Schema(nullable = true) Long starts, @Schema(nullable = true) Long stops,
                        @Schema(nullable = true) Long lopend, @Schema(nullable = true) Long som) {
    }
}
