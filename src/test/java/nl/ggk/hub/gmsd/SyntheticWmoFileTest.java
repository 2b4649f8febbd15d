package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticWmoFileTest {

    @TempDir
    Path dir;

    @Test
    void generatedFileHasTheAskedSizeAndExactlyItsFaultyRecordsAreRejected() throws IOException {
        SyntheticWmoFile.Written written = SyntheticWmoFile.write(dir, 1_000_000, 0.01, 42);

        ValidationResult result = GmsdTestFiles.validator(new ValidationSettings(10, 10_000, 1_000_000, false))
                .validate(written.file(), "0363");

        assertThat(written.bytes()).isBetween(1_000_000L, 1_001_000L);
        assertThat(result.recordCount()).isEqualTo(written.records());
        assertThat(written.faultyRecords()).isBetween(written.records() / 200, written.records() / 50);
        long faultyLines = result.violations().stream().mapToLong(Violation::line).distinct().count();
        assertThat(faultyLines).isEqualTo(written.faultyRecords());
        assertThat(result.rules()).extracting(ValidationResult.RuleResult::ruleId)
                .contains("bsn-elfproef", "datum", "codelijst", "voorwaardelijk", "datumvolgorde", "kolommen");
    }
}
