package nl.ggk.hub.ws;

import static nl.ggk.hub.ws.SoapCodecTest.TEKST;
import static nl.ggk.hub.ws.SoapCodecTest.XML;
import static nl.ggk.hub.ws.SoapCodecTest.sample;
import static nl.ggk.hub.ws.SoapCodecTest.soap;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;
import nl.ggk.hub.db.Database;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.ws.WsDispatcher.Decision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsEndpointTest {

    @TempDir
    Path dir;

    private HikariDataSource dataSource;
    private WsEndpoint endpoint;

    @BeforeEach
    void open() throws Exception {
        dataSource = Database.open("jdbc:h2:file:" + dir.resolve("db/ws"), "ggk", "", 2);
        AnswerWriter answers = new AnswerWriter(StufSettings.defaults());
        OrganisationRegistry registry = OrganisationRegistry.load(new ByteArrayInputStream(
                "gemeenten:\n  - { code: \"0548\", name: \"Teylingen\" }\n".getBytes(StandardCharsets.UTF_8)));
        WsDispatcher dispatcher = new WsDispatcher(registry, new ReceivedMessages(dataSource, answers), answers,
                ErrorCodes.loadFromClasspath("ggk-2025"), Set.of("RINIS"), Clock.systemUTC());
        endpoint = new WsEndpoint(new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(),
                answers, SoapCodec.DEFAULT_MAX_BYTES), dispatcher, dir.resolve("work"));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private WsEndpoint.Received post(String message) throws Exception {
        return endpoint.receive(new ByteArrayInputStream(soap(message, "soapenv", null).getBytes(StandardCharsets.UTF_8)),
                "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01", "0548");
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAcceptedMessageLeavesItsPayloadOnDiskAndIsAnsweredWithBv03AndItsResendWithTheSameBytes() throws Exception {
        WsEndpoint.Received first = post(sample(TEKST));
        assertThat(first.decision()).isInstanceOf(Decision.Process.class);
        assertThat(Files.readString(first.payload())).isEqualTo("Hier staat een dummy-tekstbericht.");
        ByteArrayOutputStream bv03 = new ByteArrayOutputStream();
        assertThat(endpoint.answerAccepted((Decision.Process) first.decision(), "delivery-1", bv03)).isEqualTo(200);
        assertThat(text(bv03)).contains("Bv03Bericht").contains("9c0f7b90-5c69-41e5-a837-0800200c9a66");
        Files.delete(first.payload()); // what the route does once the intake door took it

        WsEndpoint.Received resend = post(sample(TEKST));
        assertThat(resend.payload()).isNull();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(endpoint.answer(resend.decision(), again)).isEqualTo(200);
        assertThat(again.toByteArray()).isEqualTo(bv03.toByteArray());

        WsEndpoint.Received other = post(sample(XML));
        ByteArrayOutputStream fault = new ByteArrayOutputStream();
        assertThat(endpoint.answer(other.decision(), fault)).isEqualTo(500);
        assertThat(text(fault)).contains("<faultcode>soapenv:Client</faultcode>").contains("<StUF:code>StUF016</StUF:code>");
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("refused and answered requests leave no work file").isEmpty();
        }
    }

    @Test
    void aFailedStoreIsAnsweredWithAServerFo03AndTheResendIsProcessed() throws Exception {
        WsEndpoint.Received first = post(sample(TEKST));
        ByteArrayOutputStream fault = new ByteArrayOutputStream();
        assertThat(endpoint.answerFailed((Decision.Process) first.decision(), fault)).isEqualTo(500);
        assertThat(text(fault)).contains("<faultcode>soapenv:Server</faultcode>").contains("GGK999");
        assertThat(post(sample(TEKST)).decision()).isInstanceOf(Decision.Process.class);
    }
}
