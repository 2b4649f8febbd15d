package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input on the JMS door (queue ggk.inbound, over TCP as a client would): no login, someone else's
 * organisation, and messages the door cannot read. Each is answered (refused or quarantined with its reason)
 * and none holds up the valid message sent right after it.
 */
class JmsDoorTest extends HubTestSupport {

    @Test
    void aConnectionWithoutLoginIsRefused() {
        assertThatThrownBy(() -> {
            try (Connection anonymous = new ActiveMQConnectionFactory(brokerTcpUrl).createConnection()) {
                anonymous.start();
            }
        }).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aMessageNamingAnotherOrganisationIsQuarantinedUnderTheLoginAndTheNextOneIsServed() throws Exception {
        try (Connection connection = connect("0384", "demo-0384")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("ggk.inbound"));
            producer.send(wmo301(session, "0518", "voor-een-ander.xml"));
            producer.send(wmo301(session, null, "eigen-na-een-ander.xml"));
        }

        Path reason = await().atMost(Duration.ofSeconds(15))
                .until(() -> quarantinedFile("0384", "voor-een-ander.xml.reason.txt"), found -> found != null);
        assertThat(Files.readString(reason)).contains("not-authorised").contains("'0518'");
        assertThat(quarantinedFile("0384", "voor-een-ander.xml")).as("the original is kept").isNotNull();
        assertThat(deliveryIdOf("0518", "voor-een-ander.xml")).as("no delivery for 0518").isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveryIdOf("0384", "eigen-na-een-ander.xml") != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ObjectMessage", "MapMessage", "StreamMessage", "Message"})
    void aMessageWithoutAReadableBodyIsQuarantinedAtOnceAndTheNextOneOfAnotherOrganisationIsServedInSeconds(
            String type) throws Exception {
        String poisonName = "gif-" + type + ".bin";
        String validName = "geldig-na-" + type + ".xml";
        try (Connection poisoner = connect("0384", "demo-0384"); Connection other = connect("0518", "demo-0518")) {
            Session session = poisoner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message poison = switch (type) {
                case "ObjectMessage" -> session.createObjectMessage(new ArrayList<>(List.of("niet", "lezen")));
                case "MapMessage" -> {
                    MapMessage map = session.createMapMessage();
                    map.setString("bestand", "WMO301");
                    yield map;
                }
                case "StreamMessage" -> {
                    StreamMessage stream = session.createStreamMessage();
                    stream.writeString("WMO301");
                    yield stream;
                }
                default -> session.createMessage();
            };
            poison.setStringProperty("GgkFilename", poisonName);
            session.createProducer(session.createQueue("ggk.inbound")).send(poison);
            Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            otherSession.createProducer(otherSession.createQueue("ggk.inbound"))
                    .send(wmo301(otherSession, null, validName));
        }

        await("the valid message right after the poison is served").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100)).until(() -> deliveryIdOf("0518", validName) != null);
        Path reason = await().atMost(Duration.ofSeconds(10))
                .until(() -> quarantinedFile("0384", poisonName + ".reason.txt"), found -> found != null);
        assertThat(Files.readString(reason)).contains("payload-invalid").contains("delivery: (not accepted)")
                .contains(type.equals("Message") ? "bericht zonder inhoud" : type);
        assertThat(quarantinedFile("0384", poisonName)).as("the original is kept").isNotNull();
        assertThat(deliveryIdOf("0384", poisonName)).isNull();
        assertThat(managementGet("/observe/metrics"))
                .containsPattern("ggk_quarantined_total\\{channel=\"JMS\",reason=\"payload-invalid\"[^}]*} [1-9]");
        assertThat(managementGet("/observe/health")).contains("UP").doesNotContain("DOWN");
    }

    private static BytesMessage wmo301(Session session, String organisation, String filename) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(Zips.istandaardenSamples().get("WMO301.xml"));
        if (organisation != null) {
            message.setStringProperty("GgkOrganisation", organisation);
        }
        message.setStringProperty("GgkFilename", filename);
        return message;
    }

    private Connection connect(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(user, password, brokerTcpUrl).createConnection();
        connection.start();
        return connection;
    }

}
