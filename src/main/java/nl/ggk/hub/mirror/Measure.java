package nl.ggk.hub.mirror;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.Function;
import nl.ggk.hub.gmsd.ColumnType;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.FiguresSpec;

/**
 * The figure a type is compared on (its main measure): distinct clients where the type counts them, else its sum,
 * else the records; with its Dutch name and how a value is written ("412", "€ 12.500").
 */
public record Measure(String naam, boolean euro, Function<Figures.Counts, Long> value) {

    public static Measure of(FileSpec spec) {
        FiguresSpec figures = spec.figures();
        if (figures.clients() != null) {
            return new Measure("cliënten", false, Figures.Counts::clients);
        }
        if (figures.sum() != null) {
            boolean euro = spec.columns().get(spec.columnIndex(figures.sum())).type() == ColumnType.AMOUNT;
            String name = figures.sumTitle() == null || figures.sumTitle().isBlank() ? figures.sum() : figures.sumTitle();
            return new Measure(name, euro, Figures.Counts::sum);
        }
        return records();
    }

    public static Measure records() {
        return new Measure("records", false, c -> c.records());
    }

    /** The value of {@code counts}, {@code null} when unknown; a missing group counts 0. */
    public Long of(Figures.Counts counts) {
        return counts == null ? Long.valueOf(0) : value.apply(counts);
    }

    /** "412 cliënten", "€ 12.500 kosten" (cents rounded to euros). */
    public String written(long amount) {
        return euro ? "€ " + number(Math.round(amount / 100.0)) + " " + naam : number(amount) + " " + naam;
    }

    /** Dutch thousands: 12.500. */
    public static String number(long amount) {
        return NumberFormat.getIntegerInstance(Locale.forLanguageTag("nl-NL")).format(amount);
    }
}
