package nl.ggk.hub.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import nl.ggk.hub.errors.ErrorCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One gemeente per entry: the gemeente an entry names (GMSD file name, Afzender, envelope zender and what it holds)
 * must be the one the delivery is for, the one a samenwerkingsverband chose, or — when it delivers for itself — one
 * of its members. The flow over every channel is in {@code nl.ggk.hub.flow.GemeenteAgreementTest}.
 */
class OneGemeentePerEntryTest {

    static final String WMO_RECORD = "20260701;0546;999990007;01;1;20260101;;1;;;10;04;2;;\n";

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

    private Classification classify(String name, String content, String sender, String organisation)
            throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "entry", ".bin"), content);
        return classifier.classify(name, file, sender, organisation);
    }

    /** The Fo01 omschrijving a refusal gets. */
    private static String omschrijving(Classification c) {
        return codes.forReason(c.reason()).code() + " " + codes.forReason(c.reason()).omschrijving(c.detail());
    }

    @Test
    void samenwerkingsverbandThatChoseLeiderdorpCannotHandInLeidensFile() throws Exception {
        Classification c = classify("0546_WMO_2026H1.csv", WMO_RECORD, "SWV-HR", "0547");

        assertThat(c.accepted()).isFalse();
        assertThat(c.reason()).isEqualTo("gemeente-mismatch");
        assertThat(omschrijving(c)).isEqualTo("GGK003 Verkeerde gemeente. Het bestand 0546_WMO_2026H1.csv is van"
                + " Leiden (0546), maar is aangeleverd voor Leiderdorp (0547). Lever het aan voor Leiden.");
        assertThat(classify("0547_WMO_2026H1.csv", WMO_RECORD, "SWV-HR", "0547").accepted()).isTrue();
    }

    @Test
    void aGemeenteCannotHandInAnotherGemeentesFile() throws Exception {
        Classification leiderdorps = classify("0547_WMO_2026H1.csv", WMO_RECORD, "0546", "0546");
        Classification amsterdams = classify("0363_JEUGD_2026H1.csv", "20260701;0363;01;1000\n", "0546", null);

        assertThat(omschrijving(leiderdorps)).isEqualTo("GGK003 Verkeerde gemeente. Het bestand 0547_WMO_2026H1.csv"
                + " is van Leiderdorp (0547), maar is aangeleverd voor Leiden (0546). Leiden mag niet aanleveren voor"
                + " Leiderdorp.");
        assertThat(amsterdams.reason()).isEqualTo("gemeente-mismatch");
        assertThat(amsterdams.detail()).contains("Amsterdam (0363)").contains("Leiden (0546)");
        assertThat(classify("0546_WMO_2026H1.csv", WMO_RECORD, "0546", null).gemeente()).isEqualTo("0546");
    }

    @Test
    void samenwerkingsverbandDeliveringForItselfHandsInEachMembersFileButNoOtherGemeentes() throws Exception {
        Classification leiden = classify("0546_WMO_2026H1.csv", WMO_RECORD, "SWV-HR", null);
        Classification leiderdorp = classify("0547_SBO_2026H1.csv", "20260701;0547;101;12\n", "SWV-HR", "SWV-HR");
        Classification amsterdam = classify("0363_WMO_2026H1.csv", WMO_RECORD, "SWV-HR", "SWV-HR");

        assertThat(leiden.accepted()).isTrue();
        assertThat(leiden.gemeente()).isEqualTo("0546");
        assertThat(leiderdorp.accepted()).isTrue();
        assertThat(leiderdorp.gemeente()).isEqualTo("0547");
        assertThat(omschrijving(amsterdam)).isEqualTo("GGK003 Verkeerde gemeente. Het bestand 0363_WMO_2026H1.csv is"
                + " van Amsterdam (0363), maar die gemeente hoort niet bij Holland Rijnland (SWV-HR). Lever alleen"
                + " bestanden van uw eigen gemeenten aan.");
    }

    @Test
    void iwmoMessageOfTheOtherMemberIsRefusedAndOneOfAGemeenteNobodyMaySendForStaysIb006() throws Exception {
        String leidens = ClassifierTest.iwmo("3_2", "WMO301", "414", "0546", "42420001");

        Classification chosenWrongly = classify("a.xml", leidens, "SWV-HR", "0547");
        Classification notAllowed = classify("a.xml", ClassifierTest.iwmo("3_2", "WMO301", "414", "0363", "42420001"),
                "0384", "0384");

        assertThat(omschrijving(chosenWrongly)).isEqualTo("GGK003 Verkeerde gemeente. Het bericht WMO301 is van Leiden"
                + " (0546), maar is aangeleverd voor Leiderdorp (0547). Lever het aan voor Leiden.");
        assertThat(classify("a.xml", leidens, "SWV-HR", "0546").accepted()).isTrue();
        // the GGk's own code for a sender that may not send as this Afzender, now naming both gemeenten
        assertThat(omschrijving(notAllowed)).isEqualTo("IB006 Uw organisatie mag dit bericht niet versturen. WMO301"
                + " heeft als afzender Amsterdam (0363), waarvoor Diemen (0384) niet mag aanleveren.");
    }

    @Test
    void retourMessageIsOfTheGemeenteItsHeaderNamesAsOntvanger() throws Exception {
        String jw316 = ClassifierTest.iwmo("3_2", "JW316", "447", "42420001", "0546");

        assertThat(classify("r.xml", jw316, "SWV-HR", "0546").accepted()).isTrue();
        assertThat(classify("r.xml", jw316, "SWV-HR", "0547").detail())
                .startsWith("Het bericht JW316 is van Leiden (0546), maar is aangeleverd voor Leiderdorp (0547).");
    }

    @Test
    void envelopeWhoseZenderAndContentNameDifferentGemeentenIsRefused() throws Exception {
        String leiderdorpsCsv = "<GGK:tekstBestand bestandsnaam=\"0547_WMO_2026H1.csv\">"
                + base64(WMO_RECORD.replace(";0546;", ";0547;")) + "</GGK:tekstBestand>";
        String leiderdorpsWmo301 = "<GGK:xmlBestand>"
                + base64(ClassifierTest.iwmo("3_2", "WMO301", "414", "0547", "42420001")) + "</GGK:xmlBestand>";

        Classification csv = classify("e.xml", ClassifierTest.envelope("0546", "Dummy", leiderdorpsCsv), "0546", "0546");
        Classification wmo301 = classify("e.xml", ClassifierTest.envelope("0546", "WMO301", leiderdorpsWmo301),
                "SWV-HR", "0546");

        assertThat(omschrijving(csv)).isEqualTo("GGK003 Verkeerde gemeente. De zender in de envelop is Leiden (0546),"
                + " maar het bestand 0547_WMO_2026H1.csv is van Leiderdorp (0547). Zet de gemeente van het bestand"
                + " als zender.");
        assertThat(wmo301.reason()).isEqualTo("gemeente-mismatch");
        assertThat(wmo301.detail()).contains("zender in de envelop is Leiden (0546)")
                .contains("het bericht WMO301 is van Leiderdorp (0547)");
        // zender and content agree: then it is the zender that must be the gemeente delivered for
        Classification agreed = classify("e.xml", ClassifierTest.envelope("0547", "Dummy", leiderdorpsCsv),
                "SWV-HR", "0547");
        assertThat(agreed.accepted()).isTrue();
        assertThat(agreed.gemeente()).isEqualTo("0547");
        assertThat(classify("e.xml", ClassifierTest.envelope("0547", "Dummy", leiderdorpsCsv), "SWV-HR", "0546")
                .detail()).startsWith("Het bestand 0547_WMO_2026H1.csv is van Leiderdorp (0547), maar is aangeleverd"
                + " voor Leiden (0546).");
    }

    @Test
    void everyGemeenteRefusalFitsTheFo01OmschrijvingUncutEvenWithLongNames() throws Exception {
        String name = "0484_KOSTENWMO_2026H2.csv";
        Classification[] refusals = {
                classify(name, "20260701;0484;01;1;1000\n", "0518", "0518"),
                classify("0518_KOSTENWMO_2026H2.csv", "20260701;0518;01;1;1000\n", "SWV-HR", "0547"),
                classify("0518_KOSTENWMO_2026H2.csv", "20260701;0518;01;1;1000\n", "SWV-HR", "SWV-HR"),
                classify("e.xml", ClassifierTest.envelope("0518", "Dummy", "<GGK:tekstBestand bestandsnaam=\"" + name
                        + "\">" + base64("20260701;0484;01;1;1000\n") + "</GGK:tekstBestand>"), "0518", "0518")};

        for (Classification c : refusals) {
            assertThat(c.reason()).isEqualTo("gemeente-mismatch");
            String omschrijving = codes.forReason(c.reason()).omschrijving(c.detail());
            assertThat(omschrijving).as(omschrijving).doesNotEndWith("…").hasSizeLessThanOrEqualTo(200);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
