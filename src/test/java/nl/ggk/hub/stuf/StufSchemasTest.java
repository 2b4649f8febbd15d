package nl.ggk.hub.stuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StufSchemasTest {

    @TempDir
    Path dir;

    @Test
    void officialSamplesAreValid() {
        StufSchemas.assertValidFo01(StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/Fo01.xml"));
        StufSchemas.assertValidEnvelope(StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-tekst.xml"));
        StufSchemas.assertValidEnvelope(StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-xml.xml"));
    }

    @Test
    void violationsAreReportedWithTheirPlace() throws IOException {
        String sample = Files.readString(StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/Fo01.xml"));
        Path tooLong = Files.writeString(dir.resolve("fo01.xml"),
                sample.replace("Organisatie 99999", "x".repeat(200)));
        Path badEnvelope = Files.writeString(dir.resolve("di01.xml"),
                Files.readString(StufSchemas.reference("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-tekst.xml"))
                        .replace("AanleveringQ1.csv", "Aanlevering Q1.csv"));

        assertThat(StufSchemas.problems(tooLong, StufSchemas.FO01_XSD)).anySatisfy(p -> assertThat(p).startsWith("22:").contains("maxLength"));
        assertThat(StufSchemas.problems(badEnvelope, StufSchemas.ENVELOPE_XSD)).isNotEmpty();
    }
}
