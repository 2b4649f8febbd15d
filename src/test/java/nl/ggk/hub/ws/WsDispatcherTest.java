package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static nl.ggk.hub.ws.SoapCodecTest.RETOUR;
import static nl.ggk.hub.ws.SoapCodecTest.TEKST;
import static nl.ggk.hub.ws.SoapCodecTest.XML;
import static nl.ggk.hub.ws.SoapCodecTest.FO01;
import static nl.ggk.hub.ws.SoapCodecTest.sample;
import static nl.ggk.hub.ws.SoapCodecTest.soap;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.ws.WsDispatcher.Decision;
import nl.ggk.hub.ws.WsDispatcher.Way;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web service's decisions, from SOAP bytes to the answer, as the route will use codec, dispatcher and store. */
class WsDispatcherTest {

    private static final String REGISTRY = """
            gemeenten:
              - { code: "0363", name: "Amsterdam" }
              - { code: "0546", name: "Leiden" }
              - { code: "0547", name: "Leiderdorp" }
              - { code: "0548", name: "Teylingen" }
              - { code: "0484", name: "Alphen aan den Rijn" }
            samenwerkingsverbanden:
              - { id: SWV-HR, name: Holland Rijnland, members: ["0546", "0547"] }
            """;

    @TempDir
    Path dir;

    private HikariDataSource dataSource;
    private final AnswerWriter answers = new AnswerWriter(StufSettings.defaults());
    private final SoapCodec codec = new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(),
            answers, SoapCodec.DEFAULT_MAX_BYTES);
    private WsDispatcher dispatcher;

    @BeforeEach
    void open() throws Exception {
        dataSource = Database.open("jdbc:h2:file:" + dir.resolve("ws"), "ggk", "", 2);
        dispatcher = dispatcher("ggk-2025");
    }

    private WsDispatcher dispatcher(String generation) throws Exception {
        OrganisationRegistry registry = OrganisationRegistry.load(
                new ByteArrayInputStream(REGISTRY.getBytes(StandardCharsets.UTF_8)));
        return new WsDispatcher(registry, new ReceivedMessages(dataSource, answers), answers,
                ErrorCodes.loadFromClasspath(generation), Set.of("RINIS"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** What the route does: read, decide, and for a Process store (here: nothing) and accept. */
    private Decision post(String caller, String message, String soapAction) {
        try {
            SoapRequest request = codec.read(new ByteArrayInputStream(soap(message, "soapenv", null)
                    .getBytes(StandardCharsets.UTF_8)), soapAction, OutputStream.nullOutputStream());
            return dispatcher.decide(caller, request);
        } catch (SoapRequestException e) {
            return dispatcher.refused(e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String code(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Refuse.class);
        return ((Decision.Refuse) decision).fo03().code();
    }

    @Test
    void theOfficialSamplesGetBv03OnceStoredAResendTheSameBv03AndTheOtherSampleStuf016() throws Exception {
        Decision first = post("0548", sample(TEKST), null);
        assertThat(first).isInstanceOf(Decision.Process.class);
        Decision.Process process = (Decision.Process) first;
        assertThat(process.way()).isEqualTo(Way.INTAKE);
        Bv03 bv03 = dispatcher.accepted(process, "delivery-1");
        assertThat(bv03.crossRefnummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertThat(bv03.ontvanger().organisatie()).isEqualTo("0548");

        Decision resend = post("0548", sample(TEKST), null);
        assertThat(resend).isEqualTo(new Decision.Answer(bv03, "delivery-1"));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        codec.writeBv03(bv03, a);
        codec.writeBv03(((Decision.Answer) resend).bv03(), b);
        assertThat(b.toByteArray()).as("the same Bv03, byte for byte").isEqualTo(a.toByteArray());

        Decision other = post("0548", sample(XML), null);
        assertThat(code(other)).isEqualTo("StUF016");
        Foutbericht fo03 = ((Decision.Refuse) other).fo03();
        assertThat(fo03.crossRefnummer()).isEqualTo("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        assertThat(fo03.ontvanger().organisatie()).isEqualTo("0548");
        assertThat(fo03.details()).isEqualTo("WMO301-00040003");
    }

    @Test
    void aFailedStoreFreesTheReferentienummerForTheResend() throws Exception {
        Decision.Process process = (Decision.Process) post("0548", sample(TEKST), null);
        Foutbericht fo03 = dispatcher.failed(process);
        assertThat(fo03.plek()).isEqualTo("server");
        assertThat(fo03.code()).isEqualTo("GGK999");
        assertThat(post("0548", sample(TEKST), null)).isInstanceOf(Decision.Process.class);
        assertThat(code(post("0548", sample(TEKST), null))).as("in progress: no Bv03 before it is stored")
                .isEqualTo("GGK999");
    }

    @Test
    void unknownZenderIsStuf013AndUnknownOntvangerStuf010() throws Exception {
        assertThat(code(post("0548", sample(TEKST).replace("<StUF:organisatie>CBS<", "<StUF:organisatie>CBX<"), null)))
                .isEqualTo("StUF010");
        assertThat(code(post("0548", sample(TEKST).replace("<StUF:organisatie>0548<", "<StUF:organisatie>9999<"), null)))
                .isEqualTo("StUF013");
        Decision unknown = post("0548", sample(TEKST).replace("<StUF:organisatie>CBS<", "<StUF:organisatie>CBX<"), null);
        assertThat(((Decision.Refuse) unknown).fo03().omschrijving()).isEqualTo("De ontvanger van het bericht is onbekend. ontvanger CBX");
    }

    @Test
    void aGemeenteSendsOnlyAsItselfOrASamenwerkingsverbandForItsMembers() throws Exception {
        String asLeiden = sample(TEKST).replace("<StUF:organisatie>0548<", "<StUF:organisatie>0546<");
        assertThat(code(post("0363", sample(TEKST), null))).isEqualTo("IB006");
        assertThat(post("SWV-HR", asLeiden, null)).isInstanceOf(Decision.Process.class);
        assertThat(code(post("SWV-HR", sample(TEKST), null))).as("0548 is no member of SWV-HR").isEqualTo("IB006");
    }

    @Test
    void onlyTheChainSideSendsAsCbsOrACareProviderAndSendsFo01() throws Exception {
        String du01FromCbs = sample(RETOUR).replace("<StUF:organisatie>01023456<", "<StUF:organisatie>CBS<");
        assertThat(code(post("0484", du01FromCbs, null))).isEqualTo("IB006");
        assertThat(code(post("0548", sample(FO01).replace("54540051", "0548"), null))).isEqualTo("IB006");
        assertThat(code(post("RINIS", sample(TEKST), null))).as("the chain may not send as a gemeente").isEqualTo("IB006");

        Decision.Process fromCbs = (Decision.Process) post("RINIS", du01FromCbs, null);
        assertThat(fromCbs.way()).isEqualTo(Way.CHAIN_RETURN);
        Decision.Process fromProvider = (Decision.Process) post("RINIS",
                sample(RETOUR).replace("b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0", "c6e9f182-bc44-4f27-9863-9a5ccc1e1cf0"), null);
        assertThat(fromProvider.way()).isEqualTo(Way.PROVIDER_TO_GEMEENTE);
        Decision.Process fo01 = (Decision.Process) post("RINIS",
                sample(FO01).replace("<StUF:organisatie>IB<", "<StUF:organisatie>CBS<").replace("54540051", "0548"), null);
        assertThat(fo01.way()).isEqualTo(Way.CHAIN_FO01);
    }

    @Test
    void aSchemaInvalidMessageGetsTheCodeOfTheConfiguredTable() throws Exception {
        String invalid = sample(TEKST).replace("<GGK:functieVersie>0002", "<GGK:functieVersie>02");
        assertThat(code(post("0548", invalid, null))).isEqualTo("IB001");
        dispatcher = dispatcher("isd-2.1-p04r3");
        assertThat(code(post("0548", invalid, null))).isEqualTo("RIN001");
        assertThat(code(post("0548", sample(TEKST).replace("9c0f7b90-5c69-41e5-a837-0800200c9a66",
                "9c0f7b90-5c69-11e5-a837-0800200c9a66"), null))).isEqualTo("IB009");
    }

    @Test
    void soapLevelFaultsCarryNoFo03() {
        String mustUnderstand = soap(sampleUnchecked(), "soapenv",
                "<sec:Security xmlns:sec=\"urn:sec\" soapenv:mustUnderstand=\"true\"/>");
        SoapRequestException e = catchThrowableOfType(SoapRequestException.class, () -> codec.read(
                new ByteArrayInputStream(mustUnderstand.getBytes(StandardCharsets.UTF_8)), null,
                OutputStream.nullOutputStream()));
        assertThat(dispatcher.refused(e)).isInstanceOf(Decision.SoapFault.class);
    }

    private static String sampleUnchecked() {
        try {
            return sample(TEKST);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
