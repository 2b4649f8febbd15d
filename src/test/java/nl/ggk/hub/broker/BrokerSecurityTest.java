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
import java.time.Duration;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

/**
 * The whole hub with its embedded broker listening on TCP, as in the default configuration: nobody gets in
 * without a login, an organisation only reaches the JMS door, and the hub itself still works end to end.
 */
class BrokerSecurityTest extends HubTestSupport {

    private static final String TCP = "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable();

    static {
        // after HubTestSupport's defaults (in-JVM only): this test needs the network transport
        System.setProperty("ggk.broker.embedded.transport", TCP);
    }

    @Test
    void anUnauthenticatedTcpConnectionIsRefused() {
        assertThatThrownBy(() -> {
            try (Connection anonymous = new ActiveMQConnectionFactory(TCP).createConnection()) {
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
        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");
        try (Connection organisation = connect("0384", "demo-0384")) {
            Session session = organisation.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(wmo301);
            message.setStringProperty("GgkOrganisation", "0384");
            message.setStringProperty("GgkFilename", "WMO301-over-tcp.xml");
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveryNamed("WMO301-over-tcp.xml"),
                        found -> found != null && found.get("status").asText().equals("FORWARDED"));
        assertThat(trace.get("channel").asText()).isEqualTo("JMS");
        assertThat(trace.get("organisation").asText()).isEqualTo("0384");
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

    private static Connection connect(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(user, password, TCP).createConnection();
        try {
            connection.start();
            return connection;
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
    }
}
