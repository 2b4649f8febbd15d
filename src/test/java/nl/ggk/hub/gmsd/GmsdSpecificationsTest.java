package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmsdSpecificationsTest {

    @TempDir
    Path dir;

    private static String bundled(String name) throws IOException {
        try (InputStream in = GmsdSpecificationsTest.class.getClassLoader().getResourceAsStream("gmsd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a changed copy of the bundled WMO spec and returns its path. */
    private Path wmoWith(String from, String to) throws IOException {
        String text = bundled("wmo.yaml");
        assertThat(text).contains(from);
        Path file = dir.resolve("wmo.yaml");
        Files.writeString(file, text.replace(from, to));
        return file;
    }

    private static int lineOf(Path file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }

    @Test
    void bundledSpecificationsLoadAndDescribeTheWorkingSpecification() {
        GmsdSpecifications specs = GmsdSpecifications.loadDefaults();

        assertThat(specs.all()).extracting(FileSpec::type).containsExactly("WMO", "KOSTENWMO", "SBO", "JEUGD", "OPTIN");
        assertThat(specs.spec("WMO").orElseThrow().columns()).hasSize(15);
        assertThat(specs.spec("WMO").orElseThrow().separator()).isEqualTo(";");
    }

    /**
     * The specifications are read without a data binder (so that a fresh {@code validate} starts fast); they must
     * mean exactly what Jackson made of the same files before.
     */
    @Test
    void bundledSpecificationsMeanWhatJacksonDatabindReadsInThem() throws IOException {
        ObjectMapper jackson = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        GmsdSpecifications specs = GmsdSpecifications.loadDefaults();

        for (String location : GmsdSpecifications.DEFAULT_LOCATIONS) {
            String name = location.substring("classpath:gmsd/".length());
            FileSpec byJackson = jackson.readValue(bundled(name), FileSpec.class);
            assertThat(specs.spec(byJackson.type())).as(name).contains(byJackson);
        }
    }

    @Test
    void aValueOfTheWrongKindNamesItsLine() throws IOException {
        Path list = wmoWith("    minLength: 4\n", "    minLength: [4]\n");
        int listLine = lineOf(list, "minLength: [4]");
        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(list.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e -> {
                    assertThat(e.line()).isEqualTo(listLine);
                    assertThat(e.getMessage()).contains("'minLength'");
                });

        Path word = wmoWith("    minLength: 4\n", "    minLength: vier\n");
        int wordLine = lineOf(word, "minLength: vier");
        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(word.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e -> {
                    assertThat(e.line()).isEqualTo(wordLine);
                    assertThat(e.getMessage()).contains("'minLength' must be a whole number; got 'vier'");
                });
    }

    @Test
    void recognisesGmsdFileNames() {
        GmsdSpecifications specs = GmsdSpecifications.loadDefaults();

        assertThat(specs.recognise("in/0363_KOSTENWMO_2025H2.CSV")).contains(
                new GmsdFileName("0363_KOSTENWMO_2025H2.CSV", "KOSTENWMO", "0363", 2025, 2));
        assertThat(specs.recognise("0546_WMO_2024H1.csv")).hasValueSatisfying(name -> {
            assertThat(name.periodStart()).hasToString("2024-01-01");
            assertThat(name.periodEnd()).hasToString("2024-06-30");
        });
        assertThat(specs.recognise("0363_WMO_2025H3.csv")).isEmpty();
        assertThat(specs.recognise("0363_WMO_2025H1.xlsx")).isEmpty();
        assertThat(specs.recognise("MSD.zip")).isEmpty();
    }

    @Test
    void aWorkingAssumptionCanBeChangedByEditingTheFileAlone() throws IOException {
        Path file = wmoWith("separator: ';'", "separator: '|'");
        GmsdSpecifications specs = GmsdSpecifications.load(List.of(file.toString()));
        Path csv = dir.resolve("0363_WMO_2025H1.csv");
        Files.writeString(csv, GmsdTestFiles.VALID_LINE.replace(';', '|') + "\n");

        ValidationResult result = new GmsdValidator(specs, GmsdTestFiles.registry(), ValidationSettings.DEFAULTS)
                .validate(csv, "0363");

        assertThat(result.accepted()).isTrue();
    }

    @Test
    void patternFromTheSpecificationIsApplied() throws IOException {
        Path file = wmoWith("    type: integer\n    maxLength: 6\n", "    type: integer\n    maxLength: 6\n    pattern: '[1-9][0-9]*'\n");
        GmsdValidator validator = new GmsdValidator(GmsdSpecifications.load(List.of(file.toString())),
                GmsdTestFiles.registry(), ValidationSettings.DEFAULTS);
        Path csv = dir.resolve("0363_WMO_2025H1.csv");

        Files.writeString(csv, GmsdTestFiles.withField(GmsdTestFiles.VALID_LINE, 10, "005") + "\n");
        ValidationResult leadingZeros = validator.validate(csv, "0363");
        Files.writeString(csv, GmsdTestFiles.withField(GmsdTestFiles.VALID_LINE, 10, "5") + "\n");
        ValidationResult plain = validator.validate(csv, "0363");

        assertThat(leadingZeros.count("patroon")).isEqualTo(1);
        assertThat(leadingZeros.violations().get(0).explanation()).contains("[1-9][0-9]*");
        assertThat(plain.accepted()).isTrue();
    }

    @Test
    void unknownColumnTypeNamesFileLineAndProblem() throws IOException {
        Path file = wmoWith("    type: bsn\n", "    type: burgerservicenummer\n");
        int expectedLine = lineOf(file, "burgerservicenummer");

        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(file.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e -> {
                    assertThat(e.location()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(expectedLine);
                    assertThat(e.getMessage()).contains(file.toString()).contains("line " + e.line())
                            .contains("burgerservicenummer");
                });
    }

    @Test
    void regexThatDoesNotCompileNamesFileLineAndProblem() throws IOException {
        Path file = wmoWith("    type: bsn\n", "    type: bsn\n    pattern: '[0-9'\n");
        int expectedLine = lineOf(file, "name: bsn");

        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(file.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e -> {
                    assertThat(e.line()).isEqualTo(expectedLine);
                    assertThat(e.getMessage()).contains("pattern of column 'bsn' is not a valid regular expression");
                });
    }

    @Test
    void conditionalRuleNamingAMissingColumnNamesFileLineAndProblem() throws IOException {
        Path file = wmoWith("requiredWhen: einddatum", "requiredWhen: einddatum_ondersteuning");
        int expectedLine = lineOf(file, "- column: reden_beeindiging");

        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(file.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e -> {
                    assertThat(e.line()).isEqualTo(expectedLine);
                    assertThat(e.getMessage()).contains("'requiredWhen' names column 'einddatum_ondersteuning'");
                });
    }

    @Test
    void unknownKeyAndBrokenYamlNameTheirLine() throws IOException {
        Path typo = wmoWith("    required: true\n    codes: [\"1\", \"2\", \"3\"]", "    requird: true\n    codes: [\"1\", \"2\", \"3\"]");
        int expectedLine = lineOf(typo, "requird");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "type: WMO\ncolumns:\n  - name: a\n   type: [date\n");

        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(typo.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e -> {
                    assertThat(e.line()).isEqualTo(expectedLine);
                    assertThat(e.getMessage()).contains("requird");
                });
        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(broken.toString())))
                .isInstanceOfSatisfying(GmsdSpecificationException.class, e ->
                        assertThat(e.line()).isBetween(3, 5));
    }

    @Test
    void missingFileAndDuplicateTypeAreReported() throws IOException {
        List<String> twice = new ArrayList<>(GmsdSpecifications.DEFAULT_LOCATIONS);
        twice.add("classpath:gmsd/wmo.yaml");

        assertThatThrownBy(() -> GmsdSpecifications.load(List.of(dir.resolve("nope.yaml").toString())))
                .isInstanceOf(GmsdSpecificationException.class).hasMessageContaining("nope.yaml");
        assertThatThrownBy(() -> GmsdSpecifications.load(twice))
                .isInstanceOf(GmsdSpecificationException.class).hasMessageContaining("WMO is specified twice");
    }
}
