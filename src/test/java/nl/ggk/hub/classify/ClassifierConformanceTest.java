package nl.ggk.hub.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.testsupport.ReferenceFiles;
import nl.ggk.hub.zip.SplitResult;
import nl.ggk.hub.zip.ZipEntryOutcome;
import nl.ggk.hub.zip.ZipLimits;
import nl.ggk.hub.zip.ZipSplitter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's acceptance test: the official iWmo/iJw 3.2 samples and StUF-GGk envelope samples, read in
 * place from {@code ggk.reference.dir}.
 */
class ClassifierConformanceTest {

    private static final String[] BERICHTEN = {"istandaarden-3.2/iwmo/berichten", "istandaarden-3.2/ijw/berichten"};
    private static final List<String> ACCEPTED_FROM_DIEMEN =
            List.of("JW301", "JW316", "JW318", "JW319", "JW325", "WMO301", "WMO319");
    private static final String DIEMEN = "0384";

    private static Classifier classifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        ClassifierTest.loadConfiguration();
        classifier = ClassifierTest.classifier(ClassifierTest.registry);
    }

    private static List<Path> samples() throws IOException {
        Path reference = ReferenceFiles.dir();
        List<Path> samples = new ArrayList<>();
        for (String folder : BERICHTEN) {
            try (Stream<Path> files = Files.list(reference.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".xml")).sorted().forEach(samples::add);
            }
        }
        assertThat(samples).as("official iWmo/iJw samples").hasSize(21);
        return samples;
    }

    private static String functieOf(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private static void assertDiemenOutcome(Map<String, Classification> byFunctie) {
        assertThat(byFunctie).hasSize(21);
        byFunctie.forEach((functie, c) -> {
            assertThat(c.functie()).as(functie).isEqualTo(functie);
            assertThat(c.kind()).as(functie).isEqualTo(functie.startsWith("WMO") ? Kind.IWMO : Kind.IJW);
            assertThat(c.berichtCode()).as(functie).isNotNull();
        });
        assertThat(byFunctie.entrySet().stream().filter(e -> e.getValue().accepted()).map(Map.Entry::getKey))
                .containsExactlyInAnyOrderElementsOf(ACCEPTED_FROM_DIEMEN);
        assertThat(byFunctie.entrySet().stream().filter(e -> !e.getValue().accepted()))
                .hasSize(14)
                .allSatisfy(e -> assertThat(e.getValue().reason()).as(e.getKey()).isEqualTo("sender-not-authorised"));
    }

    @Test
    void diemenMaySendExactlyItsOwnSevenOfTheTwentyOneSamples() throws Exception {
        Map<String, Classification> byFunctie = new TreeMap<>();
        for (Path sample : samples()) {
            String name = sample.getFileName().toString();
            byFunctie.put(functieOf(name), classifier.classify(name, sample, DIEMEN));
        }

        assertDiemenOutcome(byFunctie);
        assertThat(byFunctie.get("JW316").afzender()).isEqualTo("42420001");
        assertThat(byFunctie.get("JW316").actualSender()).isEqualTo(DIEMEN);
        assertThat(byFunctie.get("JW320").actualSender()).isEqualTo("65656055");
    }

    @Test
    void theSameTwentyOneInOneZipGiveTheSameOutcome() throws Exception {
        Path zip = dir.resolve("berichten.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path sample : samples()) {
                out.putNextEntry(new ZipEntry("berichten/" + sample.getFileName()));
                Files.copy(sample, out);
                out.closeEntry();
            }
        }
        ContentStore store = new ContentStore(dir.resolve("store"));

        SplitResult split = new ZipSplitter(ZipLimits.defaults())
                .split(zip, (index, safeName, in) -> store.store(in, ZipLimits.defaults().maxEntryBytes()).ref());

        assertThat(split.rejected()).isEmpty();
        Map<String, Classification> byFunctie = new TreeMap<>();
        for (ZipEntryOutcome entry : split.entries()) {
            byFunctie.put(functieOf(entry.safeName()),
                    classifier.classify(entry.safeName(), store.path(entry.ref()), DIEMEN));
        }
        assertDiemenOutcome(byFunctie);
    }

    @Test
    void berichtCodeEditedAwayFromItsNamespaceIsPayloadInvalid() throws Exception {
        Path sample = ReferenceFiles.file("istandaarden-3.2/ijw/berichten/JW301.xml");
        String edited = Files.readString(sample, StandardCharsets.UTF_8)
                .replace("<jw301:BerichtCode>436</jw301:BerichtCode>", "<jw301:BerichtCode>438</jw301:BerichtCode>");
        assertThat(edited).contains(">438<");
        Path file = Files.writeString(dir.resolve("JW301.xml"), edited);

        Classification c = classifier.classify("JW301.xml", file, DIEMEN);

        assertThat(c.kind()).isEqualTo(Kind.IJW);
        assertThat(c.reason()).isEqualTo("payload-invalid");
        assertThat(c.detail()).doesNotContain("999900006");
    }

    @Test
    void officialEnvelopeSamplesAreClassifiedByFunctieForTheirZender() throws Exception {
        // the samples come from gemeente 0548, which the demo registry does not hold
        Path registryYaml = Files.writeString(dir.resolve("organisations.yaml"), """
                gemeenten:
                  - code: "0548"
                    name: "Teylingen"
                  - code: "0384"
                    name: "Diemen"
                samenwerkingsverbanden:
                  - id: SWV-TEST
                    name: Test
                    members: ["0548"]
                """);
        OrganisationRegistry samplesRegistry;
        try (InputStream in = Files.newInputStream(registryYaml)) {
            samplesRegistry = OrganisationRegistry.load(in);
        }
        Classifier envelopes = ClassifierTest.classifier(samplesRegistry);
        Path tekst = ReferenceFiles.file("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-tekst.xml");
        Path xml = ReferenceFiles.file("stuf-ggk0210/voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21-xml.xml");

        Classification csv = envelopes.classify(tekst.getFileName().toString(), tekst, "0548");
        Classification wmo301 = envelopes.classify(xml.getFileName().toString(), xml, "0548");

        assertThat(csv.accepted()).isTrue();
        assertThat(csv.kind()).isEqualTo(Kind.CBS);
        assertThat(csv.functie()).isEqualTo("Dummy");
        assertThat(csv.afzender()).isEqualTo("0548");
        assertThat(csv.ontvanger()).isEqualTo("CBS");
        assertThat(csv.envelope().bestandsnaam()).isEqualTo("AanleveringQ1.csv");
        assertThat(csv.referentienummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        // its xmlBestand is placeholder text, not a WMO301: refused as payload-invalid (StUF055) once its zender passed
        assertThat(wmo301.reason()).isEqualTo("payload-invalid");
        assertThat(wmo301.kind()).isEqualTo(Kind.IWMO);
        assertThat(wmo301.functie()).isEqualTo("WMO301");
        assertThat(wmo301.berichtCode()).isEqualTo("414");
        assertThat(wmo301.envelope().payloadType()).isEqualTo(Envelope.PayloadType.XML);

        assertThat(envelopes.classify("x.xml", xml, "SWV-TEST").reason()).isEqualTo("payload-invalid");
        assertThat(envelopes.classify("x.xml", xml, DIEMEN).reason()).isEqualTo("not-authorised");

        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        new EnvelopeReader().extractPayload(tekst, inner);
        assertThat(inner.toString(StandardCharsets.UTF_8)).isEqualTo("Hier staat een dummy-tekstbericht.");
    }

    @Test
    void officialRetourEnvelopeFromAProviderIsNotForAGemeenteToSend() throws Exception {
        Path du01 = ReferenceFiles.file("stuf-ggk0210/voorbeeldberichten/envelopRetourbericht-ggk_Du01-v21.xml");

        Classification byProvider = classifier.classify("du01.xml", du01, "01023456");
        Classification byDiemen = classifier.classify("du01.xml", du01, DIEMEN);

        assertThat(byProvider.kind()).isEqualTo(Kind.IWMO);
        assertThat(byProvider.functie()).isEqualTo("WMO302");
        assertThat(byProvider.reason()).isEqualTo("payload-invalid"); // placeholder text, not a WMO302
        assertThat(byDiemen.reason()).isEqualTo("not-authorised");
    }
}
