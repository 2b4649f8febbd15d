package nl.ggk.hub.stuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import nl.ggk.hub.testsupport.ReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeReaderTest {

    private static final String SAMPLES = "stuf-ggk0210/voorbeeldberichten/";

    @TempDir
    Path dir;

    private final EnvelopeReader reader = new EnvelopeReader();

    static String envelope(String root, String referentienummer, String crossRef, String functie, String bericht) {
        String code = root.endsWith("Di01") ? "Di01" : "Du01";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <GGK:%1$s xmlns:StUF="http://www.egem.nl/StUF/StUF0301" xmlns:GGK="http://www.stufstandaarden.nl/koppelvlak/ggk0210">
                  <GGK:stuurgegevens>
                    <StUF:berichtcode>%2$s</StUF:berichtcode>
                    <StUF:zender><StUF:organisatie>0384</StUF:organisatie><StUF:applicatie>Wmo app</StUF:applicatie>
                      <StUF:administratie>Holland Rijnland</StUF:administratie><StUF:gebruiker>jan</StUF:gebruiker></StUF:zender>
                    <StUF:ontvanger><StUF:organisatie>CBS</StUF:organisatie><StUF:applicatie>GGk</StUF:applicatie></StUF:ontvanger>
                    <StUF:referentienummer>%3$s</StUF:referentienummer>
                    <StUF:tijdstipBericht>20260701120000</StUF:tijdstipBericht>
                    %4$s
                    <StUF:functie>%5$s</StUF:functie>
                  </GGK:stuurgegevens>
                  <GGK:parameters>
                    <GGK:applicatieVersie>0004</GGK:applicatieVersie>
                    <GGK:applicatieSubversie>0003</GGK:applicatieSubversie>
                    <GGK:functieVersie>0002</GGK:functieVersie>
                    <GGK:functieSubversie>0002</GGK:functieSubversie>
                    <GGK:bericht>%6$s</GGK:bericht>
                  </GGK:parameters>
                </GGK:%1$s>
                """.formatted(root, code, referentienummer,
                crossRef == null ? "" : "<StUF:crossRefnummer>" + crossRef + "</StUF:crossRefnummer>", functie, bericht);
    }

    static String tekstBestand(String name, byte[] content) {
        return "<GGK:tekstBestand bestandsnaam=\"" + name + "\">" + Base64.getMimeEncoder().encodeToString(content)
                + "</GGK:tekstBestand>";
    }

    private Path write(String xml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "envelope", ".xml"), xml);
    }

    @Test
    void readsTheOfficialCsvSampleAndDecodesItsPayload() throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();

        Envelope envelope = reader.extractPayload(
                ReferenceFiles.file(SAMPLES + "envelopHeenbericht-ggk_Di01_v21-tekst.xml"), payload);

        assertThat(envelope.berichtcode()).isEqualTo("Di01");
        assertThat(envelope.zender()).isEqualTo(new Envelope.Party("0548", "Wmo Applicatie", null, null));
        assertThat(envelope.ontvanger().organisatie()).isEqualTo("CBS");
        assertThat(envelope.referentienummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertThat(envelope.tijdstipBericht()).isEqualTo("20160421132514");
        assertThat(envelope.functie()).isEqualTo("Dummy");
        assertThat(envelope.foutDetails()).isEqualTo("Dummy-00040003");
        assertThat(envelope.functieVersie()).isEqualTo("0002");
        assertThat(envelope.payloadType()).isEqualTo(Envelope.PayloadType.TEKST);
        assertThat(envelope.bestandsnaam()).isEqualTo("AanleveringQ1.csv");
        assertThat(payload.toString(StandardCharsets.UTF_8)).isEqualTo("Hier staat een dummy-tekstbericht.");
        assertThat(envelope.payloadBytes()).isEqualTo(payload.size());
    }

    @Test
    void readsTheOfficialXmlAndRetourSamples() throws Exception {
        Envelope heen = reader.read(ReferenceFiles.file(SAMPLES + "envelopHeenbericht-ggk_Di01_v21-xml.xml"));
        Envelope retour = reader.read(ReferenceFiles.file(SAMPLES + "envelopRetourbericht-ggk_Du01-v21.xml"));

        assertThat(heen.functie()).isEqualTo("WMO301");
        assertThat(heen.payloadType()).isEqualTo(Envelope.PayloadType.XML);
        assertThat(heen.bestandsnaam()).isNull();
        assertThat(heen.isRetourbericht()).isFalse();
        assertThat(retour.isRetourbericht()).isTrue();
        assertThat(retour.functie()).isEqualTo("WMO302");
        assertThat(retour.crossRefnummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertThat(retour.zender().organisatie()).isEqualTo("01023456");
    }

    @Test
    void streamsALargePayloadIntactAcrossParserChunks() throws Exception {
        byte[] content = new byte[18 * 1024 * 1024 + 7];
        new Random(42).nextBytes(content);
        Path file = write(envelope("envelopHeenbericht-ggk_Di01", "9c0f7b90-5c69-41e5-a837-0800200c9a66", null,
                "Dummy", tekstBestand("0384_WMO_2026H1.csv", content)));
        MessageDigest digest = MessageDigest.getInstance("SHA-256");

        Envelope envelope;
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            envelope = reader.extractPayload(file, out);
        }

        assertThat(envelope.payloadBytes()).isEqualTo(content.length);
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(envelope.zender().administratie()).isEqualTo("Holland Rijnland");
    }

    @Test
    void upperCaseOrNonV4ReferentienummerIsReportedWithTheEnvelope() throws Exception {
        for (String refnr : new String[] {"9C0F7B90-5C69-41E5-A837-0800200C9A66", "9c0f7b90-5c69-11e5-a837-0800200c9a66",
                "12345"}) {
            Path file = write(envelope("envelopHeenbericht-ggk_Di01", refnr, null, "Dummy",
                    tekstBestand("data.csv", new byte[] {'x'})));

            assertThatThrownBy(() -> reader.read(file)).isInstanceOfSatisfying(EnvelopeException.class, e -> {
                assertThat(e.reasonKey()).isEqualTo("referentienummer-invalid");
                assertThat(e.envelope()).hasValueSatisfying(env -> assertThat(env.referentienummer()).isEqualTo(refnr));
            });
        }
    }

    @Test
    void retourberichtNeedsAValidCrossRefnummer() throws Exception {
        String refnr = "b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0";
        Path missing = write(envelope("envelopRetourbericht-ggk_Du01", refnr, null, "WMO302",
                "<GGK:xmlBestand>PEEvPg==</GGK:xmlBestand>"));
        Path wrong = write(envelope("envelopRetourbericht-ggk_Du01", refnr, "not-a-uuid", "WMO302",
                "<GGK:xmlBestand>PEEvPg==</GGK:xmlBestand>"));

        assertThatThrownBy(() -> reader.read(missing)).isInstanceOfSatisfying(EnvelopeException.class,
                e -> assertThat(e.reasonKey()).isEqualTo("envelope-invalid"));
        assertThatThrownBy(() -> reader.read(wrong)).isInstanceOfSatisfying(EnvelopeException.class,
                e -> assertThat(e.reasonKey()).isEqualTo("referentienummer-invalid"));
    }

    @Test
    void malformedEnvelopesAreInvalid() throws Exception {
        String refnr = "9c0f7b90-5c69-41e5-a837-0800200c9a66";
        String good = envelope("envelopHeenbericht-ggk_Di01", refnr, null, "Dummy", tekstBestand("data.csv", new byte[] {1}));
        String[] bad = {
            "garbage, not XML",
            good.substring(0, good.length() / 2),
            good.replace("<StUF:functie>Dummy</StUF:functie>", ""),
            good.replace(">Di01<", ">Du01<"),
            good.replace("bestandsnaam=\"data.csv\"", "bestandsnaam=\"../etc/passwd\""),
            good.replace("</GGK:bericht>", "<GGK:xmlBestand>PEEvPg==</GGK:xmlBestand></GGK:bericht>"),
            envelope("envelopHeenbericht-ggk_Di01", refnr, null, "Dummy", ""),
            envelope("envelopHeenbericht-ggk_Di01", refnr, null, "Dummy", "<GGK:xmlBestand>not base64!</GGK:xmlBestand>"),
            "<Bericht xmlns=\"http://www.istandaarden.nl/iwmo/3_2/wmo301/schema\"/>",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + "<GGK:envelopHeenbericht-ggk_Di01 xmlns:GGK=\"http://www.stufstandaarden.nl/koppelvlak/ggk0210\">&e;"
                    + "</GGK:envelopHeenbericht-ggk_Di01>",
        };
        for (String xml : bad) {
            Path file = write(xml);
            assertThatThrownBy(() -> reader.read(file)).as(xml)
                    .isInstanceOfSatisfying(EnvelopeException.class,
                            e -> assertThat(e.reasonKey()).isEqualTo("envelope-invalid"));
        }
    }
}
