package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nl.ggk.hub.org.OrganisationRegistry;
import org.junit.jupiter.api.Test;

/** The example files README's "Try it" and docs/gmsd.md point to pass the check the hub runs. */
class ExampleFilesTest {

    private static final Path EXAMPLES = Path.of("docs", "examples");

    @Test
    void thereIsOneValidExampleFilePerGmsdTypeInDocsExamples() throws IOException {
        GmsdSpecifications specs = GmsdSpecifications.loadDefaults();
        OrganisationRegistry registry;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("organisations.yaml")) {
            registry = OrganisationRegistry.load(in);
        }
        GmsdValidator validator = new GmsdValidator(specs, registry, ValidationSettings.DEFAULTS);
        List<Path> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }

        assertThat(examples.stream().map(f -> specs.recognise(f.getFileName().toString()).orElseThrow().type()))
                .containsExactlyInAnyOrderElementsOf(specs.all().stream().map(FileSpec::type).toList());
        for (Path example : examples) {
            ValidationResult result = validator.validate(example, "0384");
            assertThat(result.accepted()).as("%s: %s", example, result.rules()).isTrue();
            assertThat(result.recordCount()).as(example.toString()).isPositive();
        }
    }
}
