package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import nl.ggk.hub.testsupport.ArtemisProcess;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Zips;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub on a real ActiveMQ Artemis 2.40.0 ({@link ArtemisProcess}: {@code artemis create --require-login} and the
 * shipped {@code config/artemis/}), its JMS door used by organisation 0518 logged in as itself: the sender rule of
 * the embedded broker holds (the delivery is the login's, whatever {@code JMSXUserID} the client set), an
 * organisation may only send to {@code ggk.inbound}, and a message the hub keeps rolling back ends in
 * {@code DLQ.<queue>} after the embedded broker's number of deliveries.
 */
@Tag("production-shape")
@OwnHub("its broker is an Artemis process, and it advises the JMS door's route")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// a hub of its own on an Artemis process: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("ArtemisBrokerTest")
@org.junit.jupiter.api.Order(11)
class ArtemisBrokerTest extends HubTestSupport {

    private ArtemisProcess artemis;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        // called before the hub starts: the broker must run by then
        artemis = ArtemisProcess.instance().start();
        Properties settings = super.useOverridePropertiesWithPropertiesComponent();
        settings.setProperty("ggk.broker.embedded", "false");
        settings.setProperty("ggk.broker.url", artemis.url());
        settings.setProperty("ggk.broker.user", ArtemisProcess.HUB_USER);
        settings.setProperty("ggk.broker.password", artemis.hubPassword());
        return settings;
    }

    @AfterAll
    void stopHubThenBroker() {
        // the hub first (its consumers close cleanly), then the broker by its PID
        try {
            context.stop();
        } finally {
            artemis.stop();
        }
    }

    @Test
    void theShippedSettingsApplyWithoutAWarningOrAnError() throws Exception {
        assertThat(artemis.startWarnings()).as("WARN/ERROR lines in " + artemis.log()).isEmpty();
        JsonNode applied = JSON.readTree(artemis.status())
                .at("/configuration/properties/broker.properties");
        assertThat(applied.isMissingNode()).as("broker.properties read").isFalse();
        assertThat(applied.get("errors")).as("lines of broker.properties Artemis could not apply").isEmpty();
    }

    @Test
    void aForgedJmsxUserIdIsReplacedByTheLoginSoTheDeliveryIsTheSendersOwn() throws Exception {
        String filename = "0518-vervalst-als-0363.xml";
        try (Connection connection = connect("0518", "demo-0518")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = wmo301(session, filename);
            message.setStringProperty("JMSXUserID", "0363");
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }

        await("the delivery, as 0518's or as 0363's").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> deliveryIdOf("0518", filename) != null || deliveryIdOf("0363", filename) != null);
        assertThat(deliveryIdOf("0363", filename)).as("never 0363's").isNull();
        assertThat(deliveryIdOf("0518", filename)).as("0518's").isNotNull();
    }

    @Test
    void namingAnotherGemeenteIsQuarantinedUnderTheLoginWithTheDutchReason() throws Exception {
        String filename = "0518-voor-0363.xml";
        try (Connection connection = connect("0518", "demo-0518")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = wmo301(session, filename);
            message.setStringProperty("JMSXUserID", "0363");
            message.setStringProperty("GgkOrganisation", "0363");
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }

        Path reason = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> quarantinedFile("0518", filename + ".reason.txt"), found -> found != null);
        assertThat(Files.readString(reason)).contains("not-authorised")
                .contains("JMS-gebruiker '0518' mag niet aanleveren voor organisatie '0363'");
        assertThat(deliveryIdOf("0363", filename)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ggk.intake", "ggk.outbound.iwmo", "DLQ.ggk.inbound", "ggk.cbs.outbound", "ggk.nieuw"})
    void anOrganisationCannotSendToAnyOtherQueue(String queue) throws Exception {
        try (Connection connection = connect("0518", "demo-0518")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(queue))
                    .send(session.createTextMessage("vervalst")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anOrganisationCannotReadOrBrowseTheJmsDoorNorMakeTemporaryQueues() throws Exception {
        try (Connection connection = connect("0518", "demo-0518")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("ggk.inbound")).receive(2_000))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createBrowser(session.createQueue("ggk.inbound")).getEnumeration()
                    .hasMoreElements()).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("DLQ.ggk.inbound")).receive(2_000))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createTemporaryQueue()).receive(2_000))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aWrongKeyOrNoLoginIsRefused() {
        assertThatThrownBy(() -> connect("0518", "demo-0363")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect(null, null)).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aMessageTheHubKeepsRollingBackEndsInItsOwnDeadLetterQueueAfterSevenDeliveries() throws Exception {
        String filename = "0518-blijft-terugdraaien.xml";
        AtomicInteger deliveries = new AtomicInteger();
        // the JMS door's transaction rolls back for this one message, as if the hub died in it every time
        AdviceWith.adviceWith(context, "intake-jms", route -> route.weaveAddFirst()
                .filter(exchange -> filename.equals(exchange.getMessage().getHeader("GgkFilename")))
                .process(exchange -> deliveries.incrementAndGet())
                .markRollbackOnly());
        try (Connection connection = connect("0518", "demo-0518")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("ggk.inbound")).send(wmo301(session, filename));
        }

        Message dead;
        try (Connection hub = connect(ArtemisProcess.HUB_USER, artemis.hubPassword())) {
            Session session = hub.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("DLQ.ggk.inbound"),
                    "GgkFilename = '" + filename + "'");
            dead = consumer.receive(90_000);
        }
        assertThat(dead).as("in DLQ.ggk.inbound").isNotNull();
        int brokerRedeliveries = Integer.parseInt(context.resolvePropertyPlaceholders("{{ggk.broker.redeliveries}}"));
        assertThat(deliveries).as("the first delivery and ggk.broker.redeliveries more").hasValue(1 + brokerRedeliveries);
        assertThat(dead.getStringProperty("JMSXUserID")).as("still the sender's login").isEqualTo("0518");
        assertThat(deliveryIdOf("0518", filename)).isNull();
    }

    /** Last: the hub's connections break when the broker dies. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theBrokerKilledWithKill9KeepsWhatItHadAcceptedAndComesBackOnItsPort() throws Exception {
        String marker = "bewaard-" + System.nanoTime();
        try (Connection hub = connect(ArtemisProcess.HUB_USER, artemis.hubPassword())) {
            Session session = hub.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createTextMessage("overleeft kill -9");
            message.setStringProperty("GgkFilename", marker);
            // a queue no route of the hub consumes
            session.createProducer(session.createQueue("DLQ.ggk.ws.chain")).send(message);
        }
        long pid = artemis.pid();

        artemis.kill();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("PID " + pid + " alive").isEmpty();
        artemis.start();

        assertThat(artemis.pid()).isNotEqualTo(pid);
        try (Connection hub = connect(ArtemisProcess.HUB_USER, artemis.hubPassword())) {
            Session session = hub.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message kept = session.createConsumer(session.createQueue("DLQ.ggk.ws.chain"),
                    "GgkFilename = '" + marker + "'").receive(30_000);
            assertThat(kept).as("the message the broker had accepted").isNotNull();
        }
    }

    private Connection connect(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(user, password, artemis.url()).createConnection();
        try {
            connection.start();
            return connection;
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
    }

    private static BytesMessage wmo301(Session session, String filename) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(Zips.istandaardenSamples().get("WMO301.xml"));
        message.setStringProperty("GgkFilename", filename);
        return message;
    }

}
