package nl.ggk.hub.gmsd;

import static nl.ggk.hub.gmsd.GmsdTestFiles.ENDED_LINE;
import static nl.ggk.hub.gmsd.GmsdTestFiles.VALID_LINE;
import static nl.ggk.hub.gmsd.GmsdTestFiles.withField;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GmsdValidatorTest {

    private static final String WMO = "0363_WMO_2025H1.csv";

    @TempDir
    Path dir;

    private ValidationResult check(String fileName, String sender, byte[] content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.write(file, content);
        return GmsdTestFiles.validator().validate(file, sender);
    }

    private ValidationResult wmo(String... lines) throws IOException {
        return check(WMO, "0363", (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validFileIsAcceptedWithItsRecordCount() throws IOException {
        ValidationResult result = wmo(VALID_LINE, ENDED_LINE, withField(VALID_LINE, 2, "999999999"));

        assertThat(result.violations()).isEmpty();
        assertThat(result.verdict()).isEqualTo(ValidationResult.Verdict.ACCEPTED);
        assertThat(result.recordCount()).isEqualTo(3);
        assertThat(result.reasonKey()).isEmpty();
    }

    @Test
    void lfLineEndsAndTrailingEmptyLinesAreFine() throws IOException {
        ValidationResult result = check(WMO, "0363",
                (VALID_LINE + "\n" + ENDED_LINE + "\n\n\n").getBytes(StandardCharsets.UTF_8));

        assertThat(result.violations()).isEmpty();
        assertThat(result.recordCount()).isEqualTo(2);
    }

    @Test
    void emptyLineBetweenRecordsIsReported() throws IOException {
        ValidationResult result = wmo(VALID_LINE, "", ENDED_LINE);

        assertThat(result.count("kolommen")).isEqualTo(1);
        assertThat(result.violations().get(0).line()).isEqualTo(2);
    }

    @Test
    void utf8BomIsReportedAndTheRestStillChecked() throws IOException {
        byte[] body = (VALID_LINE + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        ValidationResult result = check(WMO, "0363", withBom);

        assertThat(result.count("bom")).isEqualTo(1);
        assertThat(result.rules()).extracting(ValidationResult.RuleResult::ruleId).containsExactly("bom");
        assertThat(result.recordCount()).isEqualTo(1);
        assertThat(result.accepted()).isFalse();
    }

    @Test
    void utf16FileIsRecognisedAsSuchAndNotCheckedFurther() throws IOException {
        ValidationResult result = check(WMO, "0363", (VALID_LINE + "\r\n").getBytes(StandardCharsets.UTF_16LE));

        assertThat(result.rule("encoding")).hasValueSatisfying(rule ->
                assertThat(rule.examples().get(0).explanation()).contains("UTF-16"));
        assertThat(result.count("leeg-bestand")).isZero();
    }

    @Test
    void utf16WithBomIsReportedAsBom() throws IOException {
        ValidationResult result = check(WMO, "0363", (VALID_LINE + "\r\n").getBytes(StandardCharsets.UTF_16));

        assertThat(result.count("bom")).isEqualTo(1);
        assertThat(result.count("encoding")).isEqualTo(1);
    }

    @Test
    void windows1252InAUtf8FileIsReportedWithLineAndByteOffset() throws IOException {
        // a text column does not exist in WMO, so put é in a code column: both encoding and codelijst fire
        String line2 = withField(VALID_LINE, 3, "é1");
        ValidationResult result = check(WMO, "0363",
                (VALID_LINE + "\n" + line2 + "\n").getBytes(Charset.forName("windows-1252")));

        assertThat(result.rule("encoding")).hasValueSatisfying(rule -> {
            Violation v = rule.examples().get(0);
            assertThat(v.line()).isEqualTo(2);
            assertThat(v.value()).isEqualTo("0xE9");
            int byteInLine = VALID_LINE.indexOf(";01;") + 2;
            assertThat(v.explanation()).contains("byte " + byteInLine + ";").contains("Windows-1252");
        });
    }

    @Test
    void windows1252IsAcceptedWhenTheSettingSaysSo() throws IOException {
        Path file = dir.resolve("0363_OPTIN_2025H1.csv");
        Files.write(file, ("gemeentecode;jaar;halfjaar;WMO_BASIS;WMO_FACULTATIEF;JEUGD;SBO\n"
                + "0363;2025;1;J;N;J;J\n").getBytes(StandardCharsets.ISO_8859_1));
        ValidationSettings lenient = new ValidationSettings(10, 10_000, 10_000, true);

        assertThat(GmsdTestFiles.validator(lenient).validate(file, "0363").accepted()).isTrue();

        Path wmo = dir.resolve(WMO);
        Files.write(wmo, (withField(VALID_LINE, 3, "é") + "\n").getBytes(Charset.forName("windows-1252")));
        ValidationResult result = GmsdTestFiles.validator(lenient).validate(wmo, "0363");
        assertThat(result.count("encoding")).isZero();
        assertThat(result.count("codelijst")).isEqualTo(1);
    }

    @Test
    void validUtf8MultibyteIsNotAnEncodingError() throws IOException {
        ValidationResult result = wmo(withField(VALID_LINE, 3, "ë"));

        assertThat(result.count("encoding")).isZero();
        assertThat(result.rule("codelijst").orElseThrow().examples().get(0).value()).isEqualTo("ë");
    }

    @Test
    void crOnlyLineEndsAreReported() throws IOException {
        ValidationResult result = check(WMO, "0363",
                (VALID_LINE + "\r" + ENDED_LINE + "\r").getBytes(StandardCharsets.UTF_8));

        assertThat(result.count("cr-regeleinde")).isEqualTo(2);
        assertThat(result.rule("cr-regeleinde").orElseThrow().examples())
                .extracting(Violation::line).containsExactly(1L, 2L);
        assertThat(result.recordCount()).isEqualTo(2);
        assertThat(result.count("kolommen")).isZero();
    }

    @Test
    void fourteenAndSixteenColumnsAreReported() throws IOException {
        String fourteen = VALID_LINE.substring(0, VALID_LINE.lastIndexOf(';'));
        String sixteen = VALID_LINE + ";extra";

        ValidationResult result = wmo(fourteen, VALID_LINE, sixteen);

        assertThat(result.count("kolommen")).isEqualTo(2);
        assertThat(result.rule("kolommen").orElseThrow().examples())
                .extracting(Violation::explanation)
                .containsExactly("Regel heeft 14 kolommen; verwacht 15.", "Regel heeft 16 kolommen; verwacht 15.");
        assertThat(result.count("verplicht")).isZero();
    }

    @Test
    void commaSeparatedLineIsReportedAsWrongSeparatorNamingTheComma() throws IOException {
        ValidationResult result = wmo(VALID_LINE.replace(';', ','), VALID_LINE);

        assertThat(result.count("separator")).isEqualTo(1);
        Violation v = result.rule("separator").orElseThrow().examples().get(0);
        assertThat(v.explanation()).contains("komma (,)").contains("puntkomma (;)");
        assertThat(v.value()).contains("*****0007").doesNotContain("999990007");
        assertThat(result.count("kolommen")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"20160229,true", "20170229,false", "20251301,false", "2025011,false", "2025O101,false",
            "20250431,false", "20000229,true", "19000229,false"})
    void datesAreCheckedForExistence(String date, boolean valid) throws IOException {
        ValidationResult result = check("0363_SBO_2025H1.csv", "0363",
                (date + ";0363;123;42\n").getBytes(StandardCharsets.UTF_8));

        assertThat(result.count("datum")).isEqualTo(valid ? 0 : 1);
    }

    @ParameterizedTest
    @CsvSource({"999990007,true", "123456782,true", "999999999,true", "123456789,false", "12345678,false",
            "12345678a,false"})
    void bsnMustPassTheElfproefUnlessUnknown(String bsn, boolean valid) throws IOException {
        ValidationResult result = wmo(withField(VALID_LINE, 2, bsn));

        assertThat(result.count("bsn-elfproef")).isEqualTo(valid ? 0 : 1);
        if (!valid) {
            Violation v = result.rule("bsn-elfproef").orElseThrow().examples().get(0);
            assertThat(v.value()).doesNotContain(bsn).endsWith(bsn.substring(bsn.length() - 4));
            assertThat(v.field()).isEqualTo("BSN");
            assertThat(v.column()).isEqualTo(3);
        }
    }

    @Test
    void requiredFieldMustBeFilledOptionalMayBeEmpty() throws IOException {
        ValidationResult missing = wmo(withField(VALID_LINE, 3, ""));
        ValidationResult optionalEmpty = wmo(withField(VALID_LINE, 13, ""));

        assertThat(missing.count("verplicht")).isEqualTo(1);
        assertThat(missing.violations().get(0).field()).isEqualTo("Type maatwerkarrangement (productcategorie)");
        assertThat(optionalEmpty.accepted()).isTrue();
    }

    @Test
    void lengthPerColumnIsChecked() throws IOException {
        ValidationResult tooLong = wmo(withField(VALID_LINE, 10, "1234567"));
        ValidationResult fits = wmo(withField(VALID_LINE, 10, "123456"));

        assertThat(tooLong.count("lengte")).isEqualTo(1);
        assertThat(tooLong.violations().get(0).explanation()).contains("7 tekens").contains("ten hoogste 6");
        assertThat(fits.accepted()).isTrue();
    }

    @Test
    void amountsAreDigitsOnly() throws IOException {
        ValidationResult decimal = wmo(withField(VALID_LINE, 13, "123,45"));

        assertThat(decimal.count("patroon")).isEqualTo(1);
    }

    @Test
    void codeMustBeInTheList() throws IOException {
        assertThat(wmo(withField(VALID_LINE, 3, "19")).count("codelijst")).isEqualTo(1);
        assertThat(wmo(withField(VALID_LINE, 3, "18")).accepted()).isTrue();
    }

    @Test
    void quotedValuesAreReported() throws IOException {
        ValidationResult result = wmo(withField(VALID_LINE, 3, "\"01\""));

        assertThat(result.count("aanhalingstekens")).isEqualTo(1);
        assertThat(result.count("codelijst")).isZero();
    }

    @Test
    void redenBeeindigingIsRequiredExactlyWhenEinddatumIsSet() throws IOException {
        ValidationResult withoutEinddatum = wmo(withField(VALID_LINE, 14, "02"));
        ValidationResult withoutReden = wmo(withField(ENDED_LINE, 14, ""));

        assertThat(withoutEinddatum.count("voorwaardelijk")).isEqualTo(1);
        assertThat(withoutEinddatum.violations().get(0).explanation())
                .isEqualTo("Reden beëindiging ondersteuning moet leeg zijn omdat Einddatum ondersteuning leeg is.");
        assertThat(withoutEinddatum.violations().get(0).value()).isEqualTo("02");
        assertThat(withoutReden.count("voorwaardelijk")).isEqualTo(1);
        assertThat(withoutReden.violations().get(0).explanation()).contains("is verplicht omdat");
    }

    @Test
    void einddatumBeforeStartdatumIsReported() throws IOException {
        ValidationResult result = wmo(withField(ENDED_LINE, 9, "20250109"));
        ValidationResult sameDay = wmo(withField(ENDED_LINE, 9, "20250110"));

        assertThat(result.count("datumvolgorde")).isEqualTo(1);
        assertThat(result.violations().get(0).explanation()).contains("20250109").contains("20250110");
        assertThat(sameDay.accepted()).isTrue();
    }

    @Test
    void recordOutsideTheHalfYearIsReported() throws IOException {
        String endedBefore = withField(withField(withField(withField(ENDED_LINE, 5, "20240101"), 6, "20241231"),
                8, "20240102"), 9, "20241231");
        String startsAfter = withField(withField(VALID_LINE, 5, "20250701"), 8, "");
        String overlapsStart = withField(withField(ENDED_LINE, 5, "20241201"), 8, "20241201");

        ValidationResult result = wmo(endedBefore, startsAfter, overlapsStart);

        assertThat(result.count("periode")).isEqualTo(2);
        assertThat(result.rule("periode").orElseThrow().examples()).extracting(Violation::line).containsExactly(1L, 2L);
    }

    @Test
    void gemeentecodeInRecordsMustEqualTheFileName() throws IOException {
        ValidationResult result = wmo(VALID_LINE, withField(VALID_LINE, 1, "0599"));

        assertThat(result.count("gemeentecode-bestand")).isEqualTo(1);
        assertThat(result.violations().get(0).line()).isEqualTo(2);
    }

    @Test
    void senderMayOnlyDeliverForItsOwnGemeenteOrAMemberOfItsSamenwerkingsverband() throws IOException {
        byte[] leiden = (withField(VALID_LINE, 1, "0546") + "\n").getBytes(StandardCharsets.UTF_8);

        ValidationResult byAmsterdam = check("0546_WMO_2025H1.csv", "0363", leiden);
        ValidationResult bySwv = check("0546_WMO_2025H1.csv", "SWV-HR", leiden);
        ValidationResult byLeiden = check("0546_WMO_2025H1.csv", "0546", leiden);

        assertThat(byAmsterdam.count("gemeentecode-afzender")).isEqualTo(1);
        assertThat(byAmsterdam.violations().get(0).explanation()).contains("Amsterdam").contains("0546");
        assertThat(bySwv.accepted()).isTrue();
        assertThat(byLeiden.accepted()).isTrue();
    }

    @Test
    void unknownSenderMayNotDeliver() throws IOException {
        ValidationResult result = check(WMO, null, (VALID_LINE + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(result.count("gemeentecode-afzender")).isEqualTo(1);
        assertThat(result.violations().get(0).explanation()).contains("afzender is onbekend");
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        ValidationResult result = check(WMO, "0363", new byte[0]);

        assertThat(result.count("leeg-bestand")).isEqualTo(1);
        assertThat(result.accepted()).isFalse();
        assertThat(result.reasonKey()).contains("gmsd-rejected");
    }

    @Test
    void fileOfOnlyAHeaderIsRejectedAsSuch() throws IOException {
        String header = String.join(";", GmsdTestFiles.specs().spec("WMO").orElseThrow().columns().stream()
                .map(ColumnSpec::name).toList());

        ValidationResult result = wmo(header);
        ValidationResult headerAndData = wmo(header, VALID_LINE);

        assertThat(result.count("alleen-kop")).isEqualTo(1);
        assertThat(result.count("leeg-bestand")).isZero();
        assertThat(headerAndData.count("kopregel")).isEqualTo(1);
        assertThat(headerAndData.recordCount()).isEqualTo(1);
    }

    @Test
    void optInNeedsItsHeaderAndMatchingPeriod() throws IOException {
        String header = "gemeentecode;jaar;halfjaar;WMO_BASIS;WMO_FACULTATIEF;JEUGD;SBO";
        ValidationResult good = check("0363_OPTIN_2025H1.csv", "0363",
                (header + "\n0363;2025;1;J;N;J;J\n").getBytes(StandardCharsets.UTF_8));
        ValidationResult headerOnly = check("0363_OPTIN_2025H1.csv", "0363",
                (header + "\n").getBytes(StandardCharsets.UTF_8));
        ValidationResult wrong = check("0363_OPTIN_2025H1.csv", "0363",
                ("0363;2025;1;J;N;J;J\n0363;2024;2;J;X;J;J\n").getBytes(StandardCharsets.UTF_8));

        assertThat(good.accepted()).isTrue();
        assertThat(headerOnly.count("alleen-kop")).isEqualTo(1);
        assertThat(wrong.count("kopregel")).isEqualTo(1);
        assertThat(wrong.count("periode")).isEqualTo(2);
        assertThat(wrong.count("codelijst")).isEqualTo(1);
    }

    @Test
    void fileNameThatMatchesNoSpecificationIsRejectedWithItsOwnReason() throws IOException {
        ValidationResult result = check("wmo-2025.csv", "0363", (VALID_LINE + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(result.count("bestandsnaam")).isEqualTo(1);
        assertThat(result.reasonKey()).contains("gmsd-filename-invalid");
    }

    @Test
    void aFileRefusedByItsNameAloneHasTheNameAsItsOneFindingEndingWithTheAdvice() {
        ValidationResult result = GmsdTestFiles.validator().refusedByName("0363_wmo_2026H1.csv", "0363",
                "Hernoem naar 0363_WMO_2026H1.csv (hoofdletters) en lever opnieuw aan.");

        assertThat(result.accepted()).isFalse();
        assertThat(result.reasonKey()).contains("gmsd-filename-invalid");
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("bestandsnaam");
            assertThat(v.value()).isEqualTo("0363_wmo_2026H1.csv");
            assertThat(v.explanation()).startsWith("De bestandsnaam hoort bij geen enkel GMSD-bestandstype")
                    .endsWith(" Hernoem naar 0363_WMO_2026H1.csv (hoofdletters) en lever opnieuw aan.");
        });
    }

    @Test
    void lineLongerThanTheLimitIsReportedAndTheRestChecked() throws IOException {
        String longLine = VALID_LINE + "x".repeat(20_000);

        ValidationResult result = wmo(VALID_LINE, longLine, ENDED_LINE);

        assertThat(result.count("regellengte")).isEqualTo(1);
        assertThat(result.violations()).extracting(Violation::ruleId).containsExactly("regellengte");
        assertThat(result.violations().get(0).line()).isEqualTo(2);
        assertThat(result.recordCount()).isEqualTo(3);
    }

    @Test
    void singleFiftyMegabyteLineIsReportedAsTooLongWithoutRunningOutOfMemory() throws IOException {
        Path file = dir.resolve(WMO);
        byte[] chunk = "1234567890".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }

        ValidationResult result = GmsdTestFiles.validator().validate(file, "0363");

        assertThat(result.count("regellengte")).isEqualTo(1);
        assertThat(result.rule("regellengte").orElseThrow().examples().get(0).explanation())
                .contains("50000000 bytes").contains("ten hoogste 10000 tekens");
        assertThat(result.bytesRead()).isEqualTo(50_000_000L);
    }

    @Test
    void examplesAndListedViolationsAreCappedButAllAreCounted() throws IOException {
        String bad = withField(VALID_LINE, 3, "99");
        String[] lines = new String[500];
        java.util.Arrays.fill(lines, bad);
        ValidationSettings settings = new ValidationSettings(3, 10_000, 100, false);
        Path file = dir.resolve(WMO);
        Files.writeString(file, String.join("\n", lines));

        ValidationResult result = GmsdTestFiles.validator(settings).validate(file, "0363");

        assertThat(result.count("codelijst")).isEqualTo(500);
        assertThat(result.rule("codelijst").orElseThrow().examples()).hasSize(3);
        assertThat(result.violations()).hasSize(100);
        assertThat(result.violationsTruncated()).isTrue();
    }

    @Test
    void streamIsReadFromAnyInputStreamWithoutClosingIt() throws IOException {
        var in = new ByteArrayInputStream((VALID_LINE + "\n").getBytes(StandardCharsets.UTF_8)) {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        };

        ValidationResult result = GmsdTestFiles.validator().validate(in, "uploads/0363_WMO_2025H1.csv", "0363");

        assertThat(result.accepted()).isTrue();
        assertThat(in.closed).isFalse();
    }
}
