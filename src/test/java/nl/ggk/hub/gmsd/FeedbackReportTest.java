package nl.ggk.hub.gmsd;

import nl.ggk.hub.report.SpreadsheetCells;
import nl.ggk.hub.testsupport.Reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import nl.ggk.hub.org.OrganisationRegistry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackReportTest {

    private static final String VALID = "20250715;0363;999990007;01;1;20250101;20251231;1;20250115;;5;04;2;12345;";
    private static final Instant RECEIVED = Instant.parse("2025-07-20T08:15:30Z");

    private static GmsdSpecifications specs;
    private static OrganisationRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        specs = GmsdSpecifications.loadDefaults();
        try (InputStream in = FeedbackReportTest.class.getClassLoader().getResourceAsStream("organisations.yaml")) {
            registry = OrganisationRegistry.load(in);
        }
    }

    private ValidationResult validate(String content, ValidationSettings settings) throws IOException {
        Path file = dir.resolve("0363_WMO_2025H1.csv");
        Files.writeString(file, content);
        return new GmsdValidator(specs, registry, settings).validate(file, "0363");
    }

    private static FeedbackMeta meta() {
        return FeedbackMeta.delivered("0363", "Amsterdam", "0363_WMO_2025H1.csv", RECEIVED, DELIVERY_ID);
    }

    private static final String DELIVERY_ID = "d7c1e0f2-5b8a-4c3e-9f61-2a4b6c8d0e13";

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        return Reports.unzip(zip);
    }

    private static String pdfText(byte[] pdf) throws IOException {
        return Reports.pdfText(pdf);
    }

    @Test
    void rejectedFileGetsADutchReportWithRuleTablesAndAllViolationsInFoutenCsv() throws IOException {
        String badBsn = VALID.replace("999990007", "123456789");
        String badDate = VALID.replace("20250115", "20250230");
        ValidationResult result = validate(String.join("\n", VALID, badBsn, badDate, badBsn) + "\n",
                ValidationSettings.DEFAULTS);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        new FeedbackReport().writeZip(result, meta(), zip);

        Map<String, byte[]> entries = unzip(zip.toByteArray());
        assertThat(entries).containsOnlyKeys("technische-terugkoppeling.pdf", "fouten.csv");
        String text = pdfText(entries.get("technische-terugkoppeling.pdf"));
        assertThat(text)
                .contains("Technische terugkoppeling")
                .contains("Amsterdam (0363)")
                .contains("0363_WMO_2025H1.csv")
                .contains("20-07-2025 10:15:30")
                .contains("afgekeurd")
                .contains("Aantal records 4")
                .contains("Ongeldig BSN: 2 bevindingen")
                .contains("Ongeldige datum: 1 bevinding")
                .contains("*****6789")
                .contains("BSN voldoet niet aan de elfproef.")
                .contains("Wat moet u nu doen?")
                .doesNotContain("123456789");
        List<String> csv = new String(entries.get("fouten.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).isEqualTo("\uFEFFbestand;regel;kolom;veld;controle;waarde;toelichting");
        assertThat(csv.get(1)).startsWith("0363_WMO_2025H1.csv;2;3;BSN;bsn-elfproef;*****6789;");
        assertThat(String.join("\n", csv)).doesNotContain("123456789");
    }

    @Test
    void acceptedFileSaysGoedgekeurdAndThatNothingNeedsDoing() throws IOException {
        ValidationResult result = validate(VALID + "\n", ValidationSettings.DEFAULTS);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        new FeedbackReport().writePdf(List.of(result), meta(), pdf);

        String text = pdfText(pdf.toByteArray());
        assertThat(text).contains("goedgekeurd").doesNotContain("afgekeurd").contains("Niets.");
    }

    @Test
    void anApprovedWmoFileAnnouncesCbsFeedbackAndTheSpiegelrapportAndNamesTheFileOnce() throws IOException {
        ValidationResult result = validate(VALID + "\n", ValidationSettings.DEFAULTS);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        new FeedbackReport().writePdf(List.of(result), meta(), pdf);

        String text = pdfText(pdf.toByteArray()).replaceAll("\\s+", " ");
        assertThat(text).doesNotContain("op-orde")
                .contains("de technische terugkoppeling van het CBS komt in uw outbox")
                .contains("het spiegelrapport")
                .doesNotContain("Bestandsnaam");
        assertThat(text.split("0363_WMO_2025H1\\.csv", -1)).as("the file named once").hasSize(2);
    }

    @Test
    void aWronglyNamedFileOfDiemenGetsAnExampleNameWithDiemensOwnCodeUnderAPlainHeading() throws IOException {
        Path file = dir.resolve("0384_wmo_2025H1.csv");
        Files.writeString(file, VALID.replace(";0363;", ";0384;") + "\n");
        ValidationResult result = new GmsdValidator(specs, registry, ValidationSettings.DEFAULTS).validate(file, "0384");
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        new FeedbackReport().writePdf(List.of(result),
                FeedbackMeta.delivered("0384", "Diemen", "0384_wmo_2025H1.csv", RECEIVED, DELIVERY_ID), pdf);

        String text = pdfText(pdf.toByteArray()).replaceAll("\\s+", " ");
        assertThat(text).contains("Bestandsnaam: 1 bevinding").doesNotContain("(bestandsnaam)")
                .doesNotContain("keer")
                .contains("bijvoorbeeld 0384_WMO_2025H1.csv").doesNotContain("0363_");
    }

    @Test
    void foutenCsvIsCappedBySettingAndTheReportSaysSo() throws IOException {
        String bad = VALID.replace(";01;", ";99;");
        ValidationResult result = validate((bad + "\n").repeat(50), new ValidationSettings(10, 10_000, 20, false));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        new FeedbackReport().writeZip(result, meta(), zip);

        Map<String, byte[]> entries = unzip(zip.toByteArray());
        assertThat(new String(entries.get("fouten.csv"), StandardCharsets.UTF_8).lines()).hasSize(21);
        assertThat(pdfText(entries.get("technische-terugkoppeling.pdf")))
                .contains("50 bevindingen").contains("nog 40 keer").contains("de eerste 20");
    }

    @Test
    void approvedDeliveryNamesItsIdAndWaitsForTheCbsWithoutJavaAdvice() throws IOException {
        ValidationResult result = validate(VALID + "\n", ValidationSettings.DEFAULTS);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        new FeedbackReport().writePdf(List.of(result), meta(), pdf);

        String text = pdfText(pdf.toByteArray());
        assertThat(text).contains("Aanleveringsnummer " + DELIVERY_ID).contains("helpdesk")
                .contains("wacht op doorzending naar het CBS")
                .doesNotContain("java").doesNotContain("Java");
    }

    @Test
    void rejectedDeliveryGivesNoJavaAdviceEither() throws IOException {
        ValidationResult result = validate(VALID.replace("999990007", "123456789") + "\n", ValidationSettings.DEFAULTS);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        new FeedbackReport().writePdf(List.of(result), meta(), pdf);

        assertThat(pdfText(pdf.toByteArray())).contains("niet doorgestuurd naar het CBS").doesNotContainIgnoringCase("java");
    }

    @Test
    void offlineCheckSpeaksNeitherOfAZipNorOfReceiving() throws IOException {
        String bad = VALID.replace(";01;", ";99;");
        ValidationResult rejected = validate((bad + "\n").repeat(15), ValidationSettings.DEFAULTS);
        ValidationResult accepted = validate(VALID + "\n", ValidationSettings.DEFAULTS);
        FeedbackMeta offline = FeedbackMeta.offline("0363", "Amsterdam", "0363_WMO_2025H1.csv", RECEIVED);

        for (ValidationResult result : List.of(rejected, accepted)) {
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            new FeedbackReport().writePdf(List.of(result), offline, pdf);
            String text = pdfText(pdf.toByteArray());
            assertThat(text).contains("Gecontroleerd op 20-07-2025 10:15:30")
                    .doesNotContainIgnoringCase("zip").doesNotContainIgnoringCase("ontvangen")
                    .doesNotContain("fouten.csv").doesNotContain("Aanleveringsnummer")
                    .doesNotContainIgnoringCase("java");
        }
    }

    @Test
    void aBomIsExplainedWithHowToSaveWithoutOne() throws IOException {
        ValidationResult result = validate("\uFEFF" + VALID + "\n", ValidationSettings.DEFAULTS);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();

        new FeedbackReport().writePdf(List.of(result), meta(), pdf);

        assertThat(pdfText(pdf.toByteArray()).replaceAll("\\s+", " ")).contains("Byte-order mark (BOM) aan het begin: 1 bevinding")
                .contains("Excel voegt bij \"CSV UTF-8\" een BOM toe")
                .contains("\"CSV (gescheiden door lijstscheidingsteken)\"")
                .contains("teksteditor");
    }

    @Test
    void deliveredValuesThatExcelWouldRunAsAFormulaAreNeutralisedInFoutenCsv() throws IOException {
        String formulas = String.join("\n",
                VALID.replace(";01;", ";=1+2;"),
                VALID.replace(";01;", ";@SUM(A1);"),
                VALID.replace(";01;", ";+31;"),
                VALID.replace(";01;", ";-5;")) + "\n";
        ValidationResult result = validate(formulas, ValidationSettings.DEFAULTS);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        new FeedbackReport().writeZip(result, meta(), zip);

        String csv = new String(unzip(zip.toByteArray()).get("fouten.csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains(";'=1+2;").contains(";'@SUM(A1);").contains(";'+31;").contains(";'-5;")
                .doesNotContain(";=1+2").doesNotContain(";@SUM").doesNotContain(";+31").doesNotContain(";-5");
    }

    @Test
    void everyFormulaPrefixOwaspNamesGetsASingleQuote() {
        for (String formula : List.of("=A1", "+A1", "-A1", "@A1", "\tA1", "\rA1")) {
            assertThat(SpreadsheetCells.neutralised(formula)).isEqualTo("'" + formula);
        }
        assertThat(SpreadsheetCells.neutralised("0363_WMO_2025H1.csv")).isEqualTo("0363_WMO_2025H1.csv");
        assertThat(SpreadsheetCells.neutralised("")).isEmpty();
    }

    @Test
    void zipNameCarriesFileLocalTimeAndDelivery() {
        FeedbackReport report = new FeedbackReport();
        assertThat(report.zipName("in/0363_WMO_2025H1.csv", RECEIVED, "52692af3-a5ae-431c-be24-d4cc7e96b310"))
                .isEqualTo("technische-terugkoppeling-0363_WMO_2025H1-20250720T101530-52692af3.zip");
        assertThat(report.zipName("0363_WMO_2025H1.csv", RECEIVED, "0c9d07b1-0000-4000-8000-000000000000"))
                .as("a second delivery of the file in the same second").isNotEqualTo(
                        report.zipName("0363_WMO_2025H1.csv", RECEIVED, "52692af3-a5ae-431c-be24-d4cc7e96b310"));
    }
}
