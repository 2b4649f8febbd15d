package nl.ggk.hub.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.ErrorCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content decides what a file is, the name only after; a wrongly named CSV is told how to name it (GGK002). */
class ContentFirstRecognitionTest {

    static Classifier classifier;
    static ErrorCodes codes;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        ClassifierTest.loadConfiguration();
        classifier = ClassifierTest.classifier(ClassifierTest.registry);
        codes = ErrorCodes.loadFromClasspath("ggk-2025");
    }

    private Classification classify(String name, String content) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "payload", ".bin"), content, StandardCharsets.UTF_8);
        return classifier.classify(name, file, "0363");
    }

    @Test
    void anIwmoMessageNamedDotZipIsRecognisedByItsContent() throws Exception {
        Path file = Files.writeString(dir.resolve("WMO301.zip"),
                ClassifierTest.iwmo("3_2", "WMO301", "414", "0363", "42420001"));

        Classification c = classifier.classify("WMO301.zip", file, "0363");

        assertThat(Classifier.contentIsNotZip(file)).isTrue();
        assertThat(c.accepted()).isTrue();
        assertThat(c.kind()).isEqualTo(Kind.IWMO);
        assertThat(c.functie()).isEqualTo("WMO301");
    }

    @Test
    void aZipOrUnreadableBytesNamedDotZipStayAZip() throws Exception {
        Path zip = Files.write(dir.resolve("a.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        Path garbage = Files.write(dir.resolve("b.zip"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0});

        assertThat(Classifier.contentIsNotZip(zip)).isFalse();
        assertThat(Classifier.contentIsNotZip(garbage)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0363_wmo_2026H1.csv|Hernoem naar 0363_WMO_2026H1.csv (hoofdletters) en lever opnieuw aan.",
            "WMO_0363_2026H1.csv|Hernoem naar 0363_WMO_2026H1.csv en lever opnieuw aan.",
            "0363_WMO_2026H1 (1).csv|Hernoem naar 0363_WMO_2026H1.csv en lever opnieuw aan.",
            "0363_kostenwmo_2026h2.CSV|Hernoem naar 0363_KOSTENWMO_2026H2.csv (hoofdletters) en lever opnieuw aan.",
            "aanlevering.csv|Geef het een naam als 0363_WMO_2026H1.csv en lever opnieuw aan."})
    void aCsvWithAnInvalidGmsdNameGetsGgk002SayingHowToNameIt(String name, String advice) throws Exception {
        assertGgk002(classify(name, "20260701;0363;999990007;01;1;20260101;;1;;;10;04;2;;\n"), advice);
    }

    /** The example name of a file that cannot be renamed into one is the sending gemeente's own. */
    @Test
    void theExampleNameIsTheSendersOwn() throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "payload", ".bin"),
                "20260701;0384;999990007;01;1;20260101;;1;;;10;04;2;;\n", StandardCharsets.UTF_8);
        assertGgk002(classifier.classify("aanlevering.csv", file, "0384"),
                "Geef het een naam als 0384_WMO_2026H1.csv en lever opnieuw aan.");
    }

    private void assertGgk002(Classification c, String advice) {
        assertThat(c.kind()).isEqualTo(Kind.CBS);
        assertThat(c.reason()).isEqualTo("gmsd-filename-invalid");
        assertThat(c.detail()).isEqualTo(advice);
        ErrorCode code = codes.forReason(c.reason());
        String omschrijving = code.omschrijving(c.detail());
        assertThat(code.code()).isEqualTo("GGK002");
        assertThat(omschrijving).hasSizeLessThanOrEqualTo(ErrorCode.MAX_OMSCHRIJVING).doesNotEndWith("…")
                .contains("<gemeentecode>_<TYPE>_<jjjj>H<1|2>.csv")
                .contains("WMO, KOSTENWMO, SBO, JEUGD of OPTIN")
                .endsWith(advice);
    }

    @Test
    void semicolonSeparatedTextWithAnotherExtensionIsTreatedAsAMisnamedCsv() throws Exception {
        Classification c = classify("0363_WMO_2026H1.txt", "20260701;0363;999990007;01;1\n");

        assertThat(c.reason()).isEqualTo("gmsd-filename-invalid");
    }

    @Test
    void aCorrectGmsdNameIsStillAccepted() throws Exception {
        Classification c = classify("0363_WMO_2026H1.csv", "20260701;0363\n");

        assertThat(c.accepted()).isTrue();
        assertThat(c.functie()).isEqualTo("WMO");
    }

    @Test
    void everyClassifierRefusalFitsTheFo01OmschrijvingUncut() throws Exception {
        String csvPayload = "<GGK:tekstBestand bestandsnaam=\"0546_WMO_2026H1.csv\">MjAyNjA3MDE7MDU0Ng==</GGK:tekstBestand>";
        Path[] files = {
                Files.writeString(dir.resolve("a.xml"), ClassifierTest.iwmo("3_2", "WMO305", "418", "65656055", "0546")),
                Files.writeString(dir.resolve("b.xml"), ClassifierTest.iwmo("3_2", "WMO301", "414", "0363", "42420001")),
                Files.writeString(dir.resolve("c.xml"), ClassifierTest.iwmo("3_2", "WMO301", "415", "0546", "42420001")),
                Files.writeString(dir.resolve("d.xml"), ClassifierTest.iwmo("3_2", "WMO301", "414", "42420001", "0546")),
                Files.writeString(dir.resolve("e.xml"), ClassifierTest.envelope("0363", "Dummy", csvPayload)),
                Files.writeString(dir.resolve("f.xml"), ClassifierTest.envelope("0546", "ONBEKEND01", csvPayload)),
                Files.writeString(dir.resolve("g.txt"), "geen bericht\n")};

        for (Path file : files) {
            Classification c = classifier.classify(file.getFileName().toString(), file, "SWV-HR");
            assertThat(c.accepted()).as(file.toString()).isFalse();
            String omschrijving = codes.forReason(c.reason()).omschrijving(c.detail());
            assertThat(omschrijving).as(file + ": " + omschrijving).doesNotEndWith("…")
                    .doesNotContainPattern("\\b(is not|may not|sent by|travels)\\b");
        }
    }

    @Test
    void refusalsSayInDutchWhyAndWhatToDo() throws Exception {
        Classification wmo305 = classify("305.xml", ClassifierTest.iwmo("3_2", "WMO305", "418", "0363", "42420001"));
        Classification plainText = classify("notities.txt", "hallo\n");
        Classification pdf = classify("brief.pdf", "%PDF-1.7\n");

        assertThat(wmo305.reason()).isEqualTo("sender-not-authorised");
        assertThat(wmo305.detail()).startsWith("WMO305 is een bericht van aanbieder aan gemeente; een gemeente")
                .contains("kan het niet versturen");
        assertThat(codes.forReason(wmo305.reason()).omschrijving(wmo305.detail()))
                .startsWith("Uw organisatie mag dit bericht niet versturen. WMO305 is een bericht van aanbieder")
                .hasSizeLessThanOrEqualTo(ErrorCode.MAX_OMSCHRIJVING).doesNotEndWith("…");
        assertThat(plainText.reason()).isEqualTo("functie-not-supported");
        assertThat(plainText.detail()).contains("Lever een iWmo/iJw-bericht");
        assertThat(pdf.detail()).contains("PDF-document").contains("Lever");
    }
}
