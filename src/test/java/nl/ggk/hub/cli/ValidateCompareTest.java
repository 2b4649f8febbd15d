package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate FILE --compare EARLIER…}: the instant mirror's signals offline, on the example pair. */
class ValidateCompareTest {

    private static final Path EARLIER = Path.of("docs/examples/vergelijking/0384_WMO_2025H2.csv");
    private static final Path LATER = Path.of("docs/examples/vergelijking/0384_WMO_2026H1.csv");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theExamplePairPrintsTheMissingAndTheHalvedProductcategorieAsWarningsAndStillPasses() throws Exception {
        Path pdf = dir.resolve("rapport.pdf");
        assertThat(run(LATER.toString(), "--compare", EARLIER.toString(), "--report", pdf.toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Eindoordeel: goedgekeurd").contains("Vergelijking met eerdere aanleveringen:")
                .contains("halfjaren: 2025H2, 2026H1")
                .contains("[GROUP_MISSING] Productcategorie 03 Persoonlijke verzorging: 26 cliënten in 2025H2, 0 nu."
                        + " Ontbreekt er een onderdeel in de export?")
                .contains("[CHANGE] Productcategorie 02 Begeleiding: 37 cliënten in 2025H2, 19 nu (-49 %).")
                .doesNotContain("99990");
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("Vergelijking met uw eerdere aanleveringen")
                    .contains("Productcategorie 03 Persoonlijke verzorging: 26 cliënten in 2025H2, 0 nu.");
        }
    }

    @Test
    void jsonCarriesTheSameVergelijkingAsTheApi() throws Exception {
        assertThat(run(LATER.toString(), "--json", "--compare", EARLIER.toString())).isZero();
        JsonNode vergelijking = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("vergelijking");
        assertThat(vergelijking.get("perioden").findValuesAsText("periode")).containsExactly("2025H2", "2026H1");
        assertThat(vergelijking.get("signalen").findValuesAsText("code")).contains("GROUP_MISSING", "CHANGE");
    }

    @Test
    void anEarlierFileOfAnotherGemeenteIsAUsageError() throws Exception {
        Path other = dir.resolve("0363_WMO_2025H2.csv");
        Files.writeString(other, Files.readString(EARLIER).replace(";0384;", ";0363;"));
        assertThat(run(LATER.toString(), "--compare", other.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is geen WMO-bestand van gemeente 0384");
    }

    @Test
    void withoutEarlierFilesItSaysThereIsNothingToCompare() throws Exception {
        assertThat(run(LATER.toString(), "--compare")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--compare verwacht een waarde");
    }
}
