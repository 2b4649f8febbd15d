package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The whole hub with its embedded broker listening on TCP, as in the default configuration: nobody gets in
 * without a login, an organisation only reaches the JMS door, and the hub itself still works end to end.
 */
class BrokerSecurityTest extends HubTestSupport {


    @Test
    void anUnauthenticatedTcpConnectionIsRefused() {
        assertThatThrownBy(() -> {
            try (Connection anonymous = new ActiveMQConnectionFactory(brokerTcpUrl).createConnection()) {
                anonymous.start();
            }
        }).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect("ggk-hub", "a guess")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anOrganisationCannotForgeAMessageOnTheInternalIntakeQueue() throws Exception {
        try (Connection organisation = connect("0384", "demo-0384")) {
            Session session = organisation.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("ggk.intake")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(null)
                    .send(session.createQueue("ggk.intake"), session.createTextMessage("")))
                    .isInstanceOf(JMSSecurityException.class);
        }
        assertThat(managementGet("/observe/health")).contains("UP");
    }

    @Test
    void anOrganisationDeliversOnTheJmsDoorAndTheDeliveryIsForwarded() throws Exception {
        // not the WMO301 the other tests send (still in flight when this one starts): the hub forwards a message
        // once and refuses it again as a duplicate (GGK020)
        byte[] jw325 = Zips.istandaardenSamples().get("JW325.xml");
        try (Connection organisation = connect("0384", "demo-0384")) {
            Session session = organisation.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(jw325);
            message.setStringProperty("GgkOrganisation", "0384");
            message.setStringProperty("GgkFilename", "JW325-over-tcp.xml");
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveryNamed("JW325-over-tcp.xml"),
                        found -> found != null && found.get("status").asText().equals("FORWARDED"));
        assertThat(trace.get("channel").asText()).isEqualTo("JMS");
        assertThat(trace.get("organisation").asText()).isEqualTo("0384");
    }

    // --- these need the route change of routes/intake-jms.camel.yaml (sender from JMSXUserID, disableReplyTo)

    @Test
    void theDeliveringOrganisationIsTheLoginNotTheHeader() throws Exception {
        send("0384", "demo-0384", null, "zonder-header.xml", null);

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveryNamed("0384", "zonder-header.xml"), found -> found != null);
        assertThat(trace.get("organisation").asText()).isEqualTo("0384");
        assertThat(trace.get("sender").asText()).isEqualTo("0384");
    }

    @Test
    void anOrganisationCannotDeliverForAnotherOneOverJms() throws Exception {
        send("0384", "demo-0384", "0363", "voor-amsterdam.xml", null);

        Path reason = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> quarantineReason("0384", "voor-amsterdam.xml"), found -> found != null);
        assertThat(Files.readString(reason)).contains("not-authorised")
                .contains("'0384' mag niet aanleveren voor organisatie '0363'");
        assertThat(deliveryNamed("0363", "voor-amsterdam.xml")).isNull();
    }

    @Test
    void aSamenwerkingsverbandNarrowsItsDeliveryToAMember() throws Exception {
        send("SWV-HR", "demo-SWV-HR", "0546", "voor-leiden.xml", null);

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveryNamed("0546", "voor-leiden.xml"), found -> found != null);
        assertThat(trace.get("organisation").asText()).isEqualTo("0546");
        assertThat(trace.get("sender").asText()).isEqualTo("SWV-HR");
    }

    @Test
    void aReplyToAddressIsIgnoredSoTheDeliveryIsProcessedOnce() throws Exception {
        // a reply would land on the hub's own intake queue and split the delivery a second time
        send("0384", "demo-0384", "0384", "met-antwoordadres.xml", "ggk.intake");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveryNamed("0384", "met-antwoordadres.xml"),
                        found -> found != null && found.get("status").asText().equals("FORWARDED"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> splits(deliveryNamed("0384", "met-antwoordadres.xml")) == 1);
        assertThat(deliveriesNamed("0384", "met-antwoordadres.xml")).isEqualTo(1);
    }

    private static long splits(JsonNode trace) {
        return trace.get("events").findValuesAsText("status").stream().filter("SPLIT"::equals).count();
    }

    private void send(String user, String password, String organisation, String filename, String replyTo)
            throws JMSException {
        try (Connection connection = connect(user, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(Zips.istandaardenSamples().get("WMO301.xml"));
            if (organisation != null) {
                message.setStringProperty("GgkOrganisation", organisation);
            }
            message.setStringProperty("GgkFilename", filename);
            if (replyTo != null) {
                message.setJMSReplyTo(session.createQueue(replyTo));
            }
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }
    }

    private JsonNode deliveryNamed(String organisation, String filename) {
        JsonNode list = json(get("/api/v1/deliveries?organisation=" + organisation + "&size=200",
                "demo-" + organisation).body());
        for (JsonNode item : list.get("items")) {
            if (item.get("filename").asText().equals(filename)) {
                return delivery(item.get("id").asText(), "demo-" + organisation);
            }
        }
        return null;
    }

    private long deliveriesNamed(String organisation, String filename) {
        JsonNode list = json(get("/api/v1/deliveries?organisation=" + organisation + "&size=200",
                "demo-" + organisation).body());
        long count = 0;
        for (JsonNode item : list.get("items")) {
            count += item.get("filename").asText().equals(filename) ? 1 : 0;
        }
        return count;
    }

    private Path quarantineReason(String organisation, String filename) throws IOException {
        Path folder = data("quarantine/" + organisation);
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(filename + ".reason.txt")).findFirst()
                    .orElse(null);
        }
    }

    private JsonNode deliveryNamed(String filename) {
        JsonNode list = json(get("/api/v1/deliveries?organisation=0384&size=200", "demo-0384").body());
        for (JsonNode item : list.get("items")) {
            if (item.get("filename").asText().equals(filename)) {
                return delivery(item.get("id").asText(), "demo-0384");
            }
        }
        return null;
    }

    private Connection connect(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(user, password, brokerTcpUrl).createConnection();
        try {
            connection.start();
            return connection;
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
    }
}
