package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file type of its own, defined in a test spec: shows text columns and a spec without period rules. */
class TextColumnTest {

    private static final String SPEC = """
            type: NOTITIE
            title: Notities
            fileName: '(?<gemeentecode>\\d{4})_NOTITIE_(?<jaar>\\d{4})H(?<halfjaar>[12])\\.csv'
            separator: '|'
            columns:
              - name: gemeentecode
                type: integer
                required: true
                minLength: 4
                maxLength: 4
              - name: notitie
                type: text
                required: true
                minLength: 2
                maxLength: 20
            fileRules:
              notEmpty: true
              gemeentecodeColumn: gemeentecode
              singleGemeentecode: true
              senderMayDeliver: true
            """;

    @TempDir
    Path dir;

    private GmsdValidator validator;

    @BeforeEach
    void load() throws IOException {
        Path spec = dir.resolve("notitie.yaml");
        Files.writeString(spec, SPEC);
        validator = new GmsdValidator(GmsdSpecifications.load(List.of(spec.toString())), GmsdTestFiles.registry(),
                ValidationSettings.DEFAULTS);
    }

    private ValidationResult check(String content) throws IOException {
        Path file = dir.resolve("0363_NOTITIE_2025H2.csv");
        Files.writeString(file, content);
        return validator.validate(file, "0363");
    }

    @Test
    void textWithinLengthIsAccepted() throws IOException {
        assertThat(check("0363|Alles in orde, één\n0363|ok\n").accepted()).isTrue();
    }

    @Test
    void textTooShortTooLongOrWithQuotesIsReported() throws IOException {
        ValidationResult result = check("0363|x\n0363|" + "y".repeat(21) + "\n0363|zeg \"hallo\"\n");

        assertThat(result.count("lengte")).isEqualTo(2);
        assertThat(result.count("aanhalingstekens")).isEqualTo(1);
    }

    @Test
    void withoutFileNameMatchOneGemeentecodeIsStillRequired() throws IOException {
        ValidationResult result = check("0363|eerste\n0599|tweede\n");

        assertThat(result.count("gemeentecode-bestand")).isEqualTo(1);
        assertThat(result.violations().get(0).explanation()).contains("meer dan één gemeentecode");
    }

    @Test
    void semicolonLineIsReportedAsWrongSeparator() throws IOException {
        ValidationResult result = check("0363;een notitie\n");

        assertThat(result.rule("separator").orElseThrow().examples().get(0).explanation())
                .contains("puntkomma (;)").contains("verticale streep (|)");
    }
}
