package nl.ggk.hub.cbs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.ws.SoapCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class CbsForwardingTest {

    @TempDir
    Path dir;

    private HikariDataSource dataSource;
    private CbsForwarding forwarding;
    private ContentStore store;
    private final AnswerWriter answers = new AnswerWriter(StufSettings.defaults());

    @BeforeEach
    void open() throws Exception {
        dataSource = Database.open("jdbc:h2:file:" + dir.resolve("db/cbs"), "ggk", "", 2);
        store = new ContentStore(dir.resolve("store"));
        OrganisationRegistry registry = OrganisationRegistry.load(new ByteArrayInputStream((
                "gemeenten:\n  - { code: \"0546\", name: \"Leiden\" }\n"
                        + "samenwerkingsverbanden:\n  - { id: SWV-HR, name: Holland Rijnland, members: [\"0546\"] }\n")
                .getBytes(StandardCharsets.UTF_8)));
        forwarding = new CbsForwarding(new CbsMessages(dataSource, Clock.systemUTC()), store,
                new EnvelopeWriter(StufSettings.defaults()), StufSettings.defaults(), registry, "GGk",
                dir.resolve("work"), SoapCodec.DEFAULT_MAX_BYTES, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofHours(24), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private EntryMessage entry(String name, String csv) throws Exception {
        String ref = store.store(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1 << 20).ref();
        return new EntryMessage("d-1", "SWV-HR", Instant.now(), 0, name, Kind.CBS, "WMO", ref, ref, false, null, null,
                "d-1", name, "CBS", null);
    }

    /**
     * The broker delivers an entry again whose Bv03 was recorded (it died before the commit of the attempt, as in
     * FaultInjectionTest's Artemis kill -9): nothing is prepared to send, no attempt counted, the same message.
     */
    @Test
    void anEntryCbsAcceptedBeforeIsNotPreparedAgain() throws Exception {
        EntryMessage entry = entry("0546_WMO_2026H1.csv", "20260715;0546\n");
        CbsForwarding.Attempt first = forwarding.prepare(entry);
        assertThat(first.alreadyAccepted()).isFalse();
        forwarding.forwarded(forwarding.answered(first, new CbsForwarding.Outcome(null, null,
                CbsForwarding.Outcome.Kind.ACCEPTED, null, null, "Bv03")));

        CbsForwarding.Attempt again = forwarding.prepare(entry);

        assertThat(again.alreadyAccepted()).as("accepted before: not to be sent again").isTrue();
        assertThat(again.request()).isNull();
        assertThat(again.message().referentienummer()).isEqualTo(first.message().referentienummer());
        assertThat(again.message().attempts()).as("no attempt counted").isEqualTo(first.message().attempts());
        forwarding.cleanup(again);
    }

    @Test
    void theDi01NamesTheGemeenteAndTheSamenwerkingsverbandAndIsValidAgainstTheOfficialSchema() throws Exception {
        CbsForwarding.Attempt prepared = forwarding.prepare(entry("0546_WMO_2026H1.csv", "20260715;0546\n"));

        Element di01 = bodyMessage(Files.readString(prepared.request()));
        Path envelope = dir.resolve("di01.xml");
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(di01), new StreamResult(envelope.toFile()));
        StufSchemas.assertValidEnvelope(envelope);
        String xml = Files.readString(envelope);
        assertThat(xml).contains(">0546<").contains(">Holland Rijnland<").contains(">CBS<")
                .contains("bestandsnaam=\"0546_WMO_2026H1.csv\"");
    }

    @Test
    void aRetryKeepsReferentienummerAndTijdstipBericht() throws Exception {
        EntryMessage entry = entry("0546_WMO_2026H1.csv", "20260715;0546\n");
        CbsForwarding.Attempt first = forwarding.prepare(entry);
        String firstXml = Files.readString(first.request());
        forwarding.cleanup(first);
        CbsForwarding.Attempt second = forwarding.prepare(entry);

        assertThat(second.message().referentienummer()).isEqualTo(first.message().referentienummer());
        assertThat(second.message().attempts()).isEqualTo(2);
        assertThat(Files.readString(second.request())).isEqualTo(firstXml);
    }

    @Test
    void cbsAnswersAreReadBv03AcceptedFo03RejectedAnythingElseRetried() throws Exception {
        SoapCodec codec = new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(), answers,
                SoapCodec.DEFAULT_MAX_BYTES);
        StufSysteem hub = StufSysteem.of("0546", "GGk");
        ByteArrayOutputStream bv03 = new ByteArrayOutputStream();
        codec.writeBv03(answers.bv03(hub, "9c0f7b90-5c69-41e5-a837-0800200c9a66", Instant.now()), bv03);
        ByteArrayOutputStream fo03 = new ByteArrayOutputStream();
        codec.writeFo03Fault(answers.fo03(hub, "9c0f7b90-5c69-41e5-a837-0800200c9a66",
                ErrorCodes.loadFromClasspath("ggk-2025").byCode("StUF055").orElseThrow(), null, null, Instant.now()), fo03);

        assertThat(forwarding.outcome(200, new ByteArrayInputStream(bv03.toByteArray())).kind())
                .isEqualTo(CbsForwarding.Outcome.Kind.ACCEPTED);
        CbsForwarding.Outcome rejected = forwarding.outcome(500, new ByteArrayInputStream(fo03.toByteArray()));
        assertThat(rejected.kind()).isEqualTo(CbsForwarding.Outcome.Kind.REJECTED);
        assertThat(rejected.code()).isEqualTo("StUF055");
        assertThat(forwarding.outcome(503, new ByteArrayInputStream("<html>busy</html>".getBytes(StandardCharsets.UTF_8)))
                .kind()).isEqualTo(CbsForwarding.Outcome.Kind.RETRY);
        assertThat(forwarding.outcome(200, new ByteArrayInputStream(new byte[0])).kind())
                .isEqualTo(CbsForwarding.Outcome.Kind.RETRY);
    }

    private static Element bodyMessage(String soap) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(soap.getBytes(StandardCharsets.UTF_8)));
        Node body = doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Body").item(0);
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("empty Body");
    }
}
