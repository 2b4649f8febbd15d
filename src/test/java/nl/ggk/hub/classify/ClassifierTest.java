package nl.ggk.hub.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Pattern;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.EnvelopeReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification of hand-made files; the official samples are in {@link ClassifierConformanceTest}. */
class ClassifierTest {

    static final Pattern GMSD_NAMES =
            Pattern.compile("\\d{4}_(WMO|KOSTENWMO|SBO|JEUGD)_\\d{4}H[12]\\.csv|\\d{4}_OPTIN_\\d{4}H[12]\\.csv");

    static MessageTypes messageTypes;
    static OrganisationRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadConfiguration() throws IOException {
        messageTypes = MessageTypes.loadDefault();
        try (InputStream in = ClassifierTest.class.getClassLoader().getResourceAsStream("organisations.yaml")) {
            registry = OrganisationRegistry.load(in);
        }
    }

    static Classifier classifier(OrganisationRegistry organisations) {
        return new Classifier(messageTypes, organisations, name -> GMSD_NAMES.matcher(name).matches());
    }

    private Classification classify(String name, String content, String deliveringOrg) throws IOException {
        return classify(name, content.getBytes(StandardCharsets.UTF_8), deliveringOrg);
    }

    private Classification classify(String name, byte[] content, String deliveringOrg) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "payload", ".bin"), content);
        return classifier(registry).classify(name, file, deliveringOrg);
    }

    static String iwmo(String release, String bericht, String berichtCode, String afzender, String ontvanger) {
        String prefix = bericht.toLowerCase();
        String standaard = prefix.startsWith("wmo") ? "iwmo" : "ijw";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <%1$s:Bericht xmlns:%1$s="http://www.istandaarden.nl/%2$s/%3$s/%1$s/schema">
                  <%1$s:Header>
                    <%1$s:BerichtCode>%4$s</%1$s:BerichtCode>
                    <%1$s:BerichtVersie>3</%1$s:BerichtVersie>
                    <%1$s:Afzender>%5$s</%1$s:Afzender>
                    <%1$s:Ontvanger>%6$s</%1$s:Ontvanger>
                  </%1$s:Header>
                  <%1$s:Client><%1$s:Bsn>999990007</%1$s:Bsn></%1$s:Client>
                </%1$s:Bericht>
                """.formatted(prefix, standaard, release, berichtCode, afzender, ontvanger);
    }

    static String envelope(String zender, String functie, String payloadElement) {
        return """
                <GGK:envelopHeenbericht-ggk_Di01 xmlns:StUF="http://www.egem.nl/StUF/StUF0301" xmlns:GGK="http://www.stufstandaarden.nl/koppelvlak/ggk0210">
                  <GGK:stuurgegevens>
                    <StUF:berichtcode>Di01</StUF:berichtcode>
                    <StUF:zender><StUF:organisatie>%s</StUF:organisatie><StUF:applicatie>app</StUF:applicatie></StUF:zender>
                    <StUF:ontvanger><StUF:organisatie>SVB</StUF:organisatie><StUF:applicatie>GGk</StUF:applicatie></StUF:ontvanger>
                    <StUF:referentienummer>0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b</StUF:referentienummer>
                    <StUF:tijdstipBericht>20260701120000</StUF:tijdstipBericht>
                    <StUF:functie>%s</StUF:functie>
                  </GGK:stuurgegevens>
                  <GGK:parameters>
                    <GGK:applicatieVersie>0001</GGK:applicatieVersie><GGK:applicatieSubversie>0000</GGK:applicatieSubversie>
                    <GGK:functieVersie>0001</GGK:functieVersie><GGK:functieSubversie>0000</GGK:functieSubversie>
                    <GGK:bericht>%s</GGK:bericht>
                  </GGK:parameters>
                </GGK:envelopHeenbericht-ggk_Di01>
                """.formatted(zender, functie, payloadElement);
    }

    @Test
    void messageTypeTableHoldsEveryIwmoAndIjwMessageWithItsBerichtCode() {
        assertThat(messageTypes.all()).hasSize(28);
        assertThat(messageTypes.byFunctie("WMO323")).hasValueSatisfying(t -> {
            assertThat(t.berichtCode()).isEqualTo("484");
            assertThat(t.direction()).isEqualTo(Direction.AANBIEDER_NAAR_GEMEENTE);
            assertThat(t.retour()).isFalse();
        });
        assertThat(messageTypes.byFunctie("JW316")).hasValueSatisfying(t -> {
            assertThat(t.berichtCode()).isEqualTo("447");
            assertThat(t.retour()).isTrue();
        });
        assertThat(messageTypes.byNamespace("http://www.istandaarden.nl/ijw/2_3/jw325/schema"))
                .hasValueSatisfying(t -> assertThat(t.functie()).isEqualTo("JW325"));
        assertThat(messageTypes.byNamespace("http://www.istandaarden.nl/ijw/x/jw325/schema")).isEmpty();
    }

    @Test
    void gemeenteSendsItsOwnToewijzingInAnOlderRelease() throws Exception {
        Classification c = classify("toewijzing.xml", iwmo("2_3", "WMO301", "414", "0384", "42420001"), "0384");

        assertThat(c.accepted()).isTrue();
        assertThat(c.kind()).isEqualTo(Kind.IWMO);
        assertThat(c.functie()).isEqualTo("WMO301");
        assertThat(c.berichtCode()).isEqualTo("414");
        assertThat(c.actualSender()).isEqualTo("0384");
        assertThat(c.direction()).isEqualTo(Direction.GEMEENTE_NAAR_AANBIEDER);
        assertThat(c.envelope()).isNull();
    }

    @Test
    void samenwerkingsverbandMaySendForItsMembersOnly() throws Exception {
        String forLeiden = iwmo("3_2", "JW301", "436", "0546", "42420001");

        assertThat(classify("a.xml", forLeiden, "SWV-HR").accepted()).isTrue();
        assertThat(classify("a.xml", forLeiden, "0547").reason()).isEqualTo("sender-not-authorised");
        assertThat(classify("a.xml", iwmo("3_2", "JW301", "436", "0363", "42420001"), "SWV-HR").reason())
                .isEqualTo("sender-not-authorised");
    }

    @Test
    void retourMessageIsSentByTheHeadersOntvanger() throws Exception {
        // a 316 answers the provider's 315: its header still names the provider as Afzender
        String jw316 = iwmo("3_2", "JW316", "447", "42420001", "0384");

        Classification c = classify("retour.xml", jw316, "0384");

        assertThat(c.accepted()).isTrue();
        assertThat(c.afzender()).isEqualTo("42420001");
        assertThat(c.actualSender()).isEqualTo("0384");
        assertThat(classify("retour.xml", jw316, "0363").reason()).isEqualTo("sender-not-authorised");
    }

    @Test
    void providerMessageSentByAGemeenteIsRefused() throws Exception {
        Classification forged = classify("305.xml", iwmo("3_2", "WMO305", "418", "0384", "0363"), "0384");

        assertThat(forged.kind()).isEqualTo(Kind.IWMO);
        assertThat(forged.reason()).isEqualTo("sender-not-authorised");
        assertThat(forged.detail()).doesNotContain("999990007");
    }

    @Test
    void aBsnInTheWrongFieldNeverReachesTheDetail() throws Exception {
        Classification c = classify("301.xml", iwmo("3_2", "WMO301", "414", "999990007", "42420001"), "0384");

        assertThat(c.reason()).isEqualTo("sender-not-authorised");
        assertThat(c.detail()).contains("*****0007").doesNotContain("999990007");
    }

    @Test
    void berichtCodeDisagreeingWithTheNamespaceIsInvalid() throws Exception {
        Classification c = classify("301.xml", iwmo("3_2", "WMO301", "415", "0384", "42420001"), "0384");

        assertThat(c.reason()).isEqualTo("payload-invalid");
        assertThat(c.functie()).isEqualTo("WMO301");
        assertThat(c.detail()).contains("414", "415", "WMO302");
    }

    @Test
    void onlyTheHeaderIsRead() throws Exception {
        String truncatedAfterHeader = iwmo("3_2", "WMO301", "414", "0384", "42420001");
        truncatedAfterHeader = truncatedAfterHeader.substring(0, truncatedAfterHeader.indexOf("<wmo301:Client>") + 20);

        assertThat(classify("301.xml", truncatedAfterHeader, "0384").accepted()).isTrue();
        assertThat(classify("301.xml", "<wmo301:Bericht xmlns:wmo301=\"http://www.istandaarden.nl/iwmo/3_2/wmo301/schema\">"
                + "<wmo301:Header><wmo301:BerichtCode>414", "0384").reason()).isEqualTo("payload-invalid");
    }

    @Test
    void unknownIstandaardMessageIsNotSupported() throws Exception {
        Classification c = classify("399.xml", iwmo("3_2", "WMO399", "999", "0384", "42420001"), "0384");

        assertThat(c.kind()).isEqualTo(Kind.IWMO);
        assertThat(c.reason()).isEqualTo("functie-not-supported");
    }

    @Test
    void gmsdAndSvbFilesAreRecognisedByName() throws Exception {
        Classification jeugd = classify("upload/0384_JEUGD_2026H1.csv", "20260701;0384;01;1000\n", "0384");
        Classification optIn = classify("0384_OPTIN_2026H1.csv", "0384;2026;1;J;N;J;J\n", "0384");
        Classification tkb = classify("TKB_20260701_0384.xml.txt", "whatever", "0384");

        assertThat(jeugd.kind()).isEqualTo(Kind.CBS);
        assertThat(jeugd.functie()).isEqualTo("JEUGD");
        assertThat(jeugd.accepted()).isTrue();
        assertThat(optIn.functie()).isEqualTo("OPTIN");
        assertThat(tkb.kind()).isEqualTo(Kind.SVB);
        assertThat(tkb.functie()).isEqualTo("TKB");
    }

    @Test
    void garbagePdfAndZipAreUnknown() throws Exception {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);

        for (byte[] content : new byte[][] {random, "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII),
                {'P', 'K', 3, 4, 0, 0}, "<not really xml".getBytes(StandardCharsets.US_ASCII), new byte[0]}) {
            Classification c = classify("upload.dat", content, "0384");
            assertThat(c.kind()).isEqualTo(Kind.UNKNOWN);
            assertThat(c.reason()).isEqualTo("functie-not-supported");
        }
    }

    @Test
    void svbEnvelopeIsClassifiedByFunctieAndItsPayloadExtracted() throws Exception {
        String content = "TKB regel 1\n";
        String xml = envelope("0384", "TKB002", "<GGK:tekstBestand bestandsnaam=\"tkb-0384.txt\">"
                + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "</GGK:tekstBestand>");
        Path file = Files.writeString(dir.resolve("env.xml"), xml);

        Classification c = classifier(registry).classify("env.xml", file, "0384");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        new EnvelopeReader().extractPayload(file, payload);

        assertThat(c.kind()).isEqualTo(Kind.SVB);
        assertThat(c.functie()).isEqualTo("TKB002");
        assertThat(c.accepted()).isTrue();
        assertThat(c.referentienummer()).isEqualTo("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b");
        assertThat(payload.toString(StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    void envelopeChecksZenderFunctieAndDirection() throws Exception {
        // a WMO301 root: the envelope's functie must match the message in its xmlBestand
        String payload = "<GGK:xmlBestand>PEJlcmljaHQgeG1sbnM9Imh0dHA6Ly93d3cuaXN0YW5kYWFyZGVuLm5sL2l3bW8vM18yL3dtbzMwMS9zY2hlbWEiLz4=</GGK:xmlBestand>";

        assertThat(classify("e.xml", envelope("0363", "WMO301", payload), "0384").reason()).isEqualTo("not-authorised");
        assertThat(classify("e.xml", envelope("0546", "WMO301", payload), "SWV-HR").accepted()).isTrue();
        assertThat(classify("e.xml", envelope("0384", "WMO305", payload), "0384").reason())
                .isEqualTo("sender-not-authorised");
        Classification unknownFunctie = classify("e.xml", envelope("0384", "XYZ001", payload), "0384");
        assertThat(unknownFunctie.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(unknownFunctie.reason()).isEqualTo("functie-not-supported");
        assertThat(classify("e.xml", envelope("0384", "WMO301", payload).replace("0f1e2d3c", "0F1E2D3C"), "0384")
                .reason()).isEqualTo("referentienummer-invalid");
        assertThat(classify("e.xml", envelope("0384", "WMO301", ""), "0384").reason()).isEqualTo("envelope-invalid");
        // "<A/>" and plain text are no WMO301: the payload is not valid against its schema (StUF055)
        assertThat(classify("e.xml", envelope("0384", "WMO301", "<GGK:xmlBestand>PEEvPg==</GGK:xmlBestand>"), "0384")
                .reason()).isEqualTo("payload-invalid");
        assertThat(classify("e.xml", envelope("0384", "WMO301", "<GGK:xmlBestand>SGllcg==</GGK:xmlBestand>"), "0384")
                .reason()).isEqualTo("payload-invalid");
    }
}
