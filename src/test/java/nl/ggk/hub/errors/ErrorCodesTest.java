package nl.ggk.hub.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

    private static final Path TABLE = Path.of("config/error-codes.yaml");

    private static ErrorCodes load(String generation) throws IOException {
        try (InputStream in = Files.newInputStream(TABLE)) {
            return ErrorCodes.load(in, generation);
        }
    }

    private static String table() throws IOException {
        return Files.readString(TABLE);
    }

    private static ErrorCodes loadText(String yaml, String generation) throws IOException {
        return ErrorCodes.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), generation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"isd-2.1-p04r3", "ggk-2025", "ggk-hub"})
    void everyGenerationAnswersEveryAgreedReason(String generation) throws IOException {
        ErrorCodes codes = load(generation);

        assertThat(codes.activeGeneration()).isEqualTo(generation);
        for (String reason : ErrorReasons.ALL) {
            ErrorCode code = codes.forReason(reason);
            assertThat(code.code()).as(reason).hasSizeBetween(1, 7);
            assertThat(code.plek()).as(reason).isIn("client", "server");
            assertThat(code.omschrijving()).as(reason).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(code.description()).as(reason).isNotBlank();
        }
    }

    @Test
    void currentListIsTheDefaultAndHoldsTheZipCodesAndTheIssueDemands() throws IOException {
        ErrorCodes codes = ErrorCodes.loadFromClasspath(null);

        assertThat(codes.activeGeneration()).isEqualTo("ggk-2025");
        assertThat(codes.version()).isNotBlank();
        assertThat(codes.forReason("zip-invalid").code()).isEqualTo("IB901");
        assertThat(codes.forReason("zip-too-many-entries").code()).isEqualTo("IB902");
        assertThat(codes.forReason("zip-encrypted").code()).isEqualTo("IB903");
        assertThat(codes.forReason("zip-entry-too-large").code()).isEqualTo("IB904");
        assertThat(codes.forReason("zip-empty").code()).isEqualTo("IB905");
        assertThat(codes.forReason("payload-invalid").code()).isEqualTo("StUF055");
        assertThat(codes.forReason("referentienummer-invalid").code()).isEqualTo("IB001");
        assertThat(codes.forReason("too-large").code()).isEqualTo("IB003");
        assertThat(codes.forReason("zip-nested").code()).isEqualTo("GGK012");
        assertThat(codes.forReason("gmsd-rejected").code()).isEqualTo("GGK001");
        assertThat(codes.byCode("StUF016")).get().extracting(ErrorCode::plek).isEqualTo("client");
    }

    @Test
    void olderListUsesItsOwnNumbersAndFallsBackToTheHubSeries() throws IOException {
        ErrorCodes codes = load("isd-2.1-p04r3");

        assertThat(codes.forReason("too-large").code()).isEqualTo("IB007");
        assertThat(codes.forReason("referentienummer-invalid").code()).isEqualTo("IB009");
        assertThat(codes.forReason("envelope-invalid").code()).isEqualTo("RIN001");
        assertThat(codes.forReason("referentienummer-not-unique").code()).isEqualTo("StUF016");
        assertThat(codes.forReason("internal-error").code()).isEqualTo("GGK999");
        assertThat(codes.forReason("internal-error").plek()).isEqualTo("server");
        assertThat(codes.forReason("zip-empty").code()).isEqualTo("IB905");
    }

    @Test
    void unknownReasonGivesTheInternalErrorCode() throws IOException {
        ErrorCodes codes = load("ggk-2025");

        assertThat(codes.forReason("no-such-reason").code()).isEqualTo("GGK999");
        assertThat(codes.forReason(null).code()).isEqualTo("GGK999");
    }

    @Test
    void placeholderIsFilledAndMissingDetailLeavesNoTrace() throws IOException {
        ErrorCode code = load("ggk-2025").forReason("gmsd-filename-invalid");

        assertThat(code.omschrijving("Bestand: wmo.csv")).endsWith("Bestand: wmo.csv").doesNotContain("{detail}");
        assertThat(code.omschrijving(null)).doesNotContain("{detail}").doesNotEndWith(" ");
    }

    @Test
    void longDetailIsCutTo200CharactersWithoutSplittingASurrogatePair() {
        ErrorCode code = new ErrorCode("GGK001", "client", "Fout: {detail}", "x");
        String detail = "a".repeat(192) + "😀".repeat(10);

        String omschrijving = code.omschrijving(detail);

        assertThat(omschrijving).hasSizeLessThanOrEqualTo(200).endsWith("…");
        // a lone surrogate would not survive the round trip through UTF-8
        assertThat(new String(omschrijving.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(omschrijving);
        assertThat(code.omschrijving("kort")).isEqualTo("Fout: kort");
    }

    @Test
    void unknownActiveGenerationIsRefusedByName() {
        assertThatThrownBy(() -> load("ggk-2099"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ggk-2099").hasMessageContaining("ggk.errors.generation");
    }

    @Test
    void reasonWithoutCodeIsRefused() throws IOException {
        String broken = table().replace("  zip-nested:\n    ggk-hub: GGK012\n", "");

        assertThatThrownBy(() -> loadText(broken, "ggk-2025"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason 'zip-nested' has no code");
    }

    @Test
    void tooLongOmschrijvingIsRefused() throws IOException {
        String broken = table().replace("\"Het bestand is geen geldig ZIP-bestand. {detail}\"",
                "\"" + "x".repeat(201) + "\"");

        assertThatThrownBy(() -> loadText(broken, "ggk-2025"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ggk-2025/IB901: omschrijving is 201 characters");
    }

    @Test
    void plekOtherThanClientOrServerIsRefused() throws IOException {
        String broken = table().replaceFirst("plek: server", "plek: hub");

        assertThatThrownBy(() -> loadText(broken, "ggk-2025"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plek must be client or server, is 'hub'");
    }

    @Test
    void reasonNamingAnUnknownGenerationOrCodeIsRefused() throws IOException {
        String broken = table()
                .replace("    isd-2.1-p04r3: IB007\n", "    isd-2.1-p04r4: IB007\n")
                .replace("    ggk-2025: IB005\n", "    ggk-2025: IB055\n");

        assertThatThrownBy(() -> loadText(broken, "ggk-2025"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason 'too-large' names unknown generation 'isd-2.1-p04r4'")
                .hasMessageContaining("maps to IB055, which generation ggk-2025 does not define");
    }

    @Test
    void fallbackToACodeNumberTheActiveListUsesDifferentlyIsRefused() throws IOException {
        // IB007 means "over 25 MB" in the ISD list; borrowing it for ggk-2025 must not go unnoticed if ggk-2025 had IB007
        String broken = table()
                .replace("    isd-2.1-p04r3: IB007\n    ggk-2025: IB003\n", "    isd-2.1-p04r3: IB007\n")
                .replace("      IB016:\n", "      IB007:\n        plek: client\n        omschrijving: \"iets anders\"\n"
                        + "        description: \"something else\"\n      IB016:\n");

        assertThatThrownBy(() -> loadText(broken, "ggk-2025"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'too-large' in generation ggk-2025 falls back to IB007");
    }
}
