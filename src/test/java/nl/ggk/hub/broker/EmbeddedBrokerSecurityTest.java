package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.org.OrganisationRegistry;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.component.activemq6.ActiveMQComponent;
import org.apache.camel.impl.DefaultCamelContext;
import nl.ggk.hub.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded broker on its own, with a TCP transport: who may log in, and what each user may do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerSecurityTest {

    private static final String HUB_PASSWORD = "hub-secret-for-this-test";
    /** A name of its own: hubs of other test classes may run in the same JVM. */
    private static final String NAME = "ggk-hub-broker-security-test";
    private static final String VM = "vm://" + NAME + "?create=false";

    @TempDir
    static Path dir;

    private EmbeddedBroker broker;
    private String tcp;

    @BeforeAll
    void startBroker() throws Exception {
        OrganisationRegistry registry;
        try (InputStream in = Files.newInputStream(Path.of("config/organisations.yaml"))) {
            registry = OrganisationRegistry.load(in);
        }
        tcp = "tcp://127.0.0.1:" + FreePorts.next();
        BrokerUsers users = new BrokerUsers(BrokerCredentials.resolve("ggk-hub", HUB_PASSWORD, true, false),
                registry, true);
        broker = new EmbeddedBroker(NAME, dir.resolve("broker"), tcp, users);
        broker.start();
        // as the hub does at start: its consumer creates the JMS door
        try (Connection hub = connect("ggk-hub", HUB_PASSWORD)) {
            hub.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue(hub, "ggk.inbound")).close();
        }
    }

    @AfterAll
    void stopBroker() {
        broker.stop();
    }

    @Test
    void aConnectionWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(tcp).createConnection().start())
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theHubsOwnInJvmConnectionMustLogInToo() throws Exception {
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(VM).createConnection().start())
                .isInstanceOf(JMSSecurityException.class);
        try (Connection hub = new ActiveMQConnectionFactory("ggk-hub", HUB_PASSWORD, VM)
                .createConnection()) {
            hub.start();
        }
    }

    @Test
    void aWrongPasswordOrAnotherOrganisationsKeyIsRefused() {
        assertThatThrownBy(() -> connect("ggk-hub", "guess")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect("0384", "demo-0363")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect("0384", "")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect("9999", "demo-9999")).isInstanceOf(JMSSecurityException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ggk.intake", "ggk.outbound.iwmo", "ggk.cbs.inbound", "DLQ.ggk.intake", "ggk.anything"})
    void anOrganisationCannotWriteTheHubsInternalQueues(String internal) throws Exception {
        try (Connection organisation = connect("0384", "demo-0384")) {
            Session session = organisation.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(queue(organisation, internal)))
                    .isInstanceOf(JMSSecurityException.class);
            MessageProducer anonymous = session.createProducer(null);
            assertThatThrownBy(() -> anonymous.send(queue(organisation, internal), session.createTextMessage("forged")))
                    .isInstanceOf(JMSSecurityException.class);
        }
        assertThat(depth(internal)).isZero();
    }

    @Test
    void anOrganisationCannotReadTheJmsDoorNorUseTemporaryQueues() throws Exception {
        try (Connection organisation = connect("SWV-HR", "demo-SWV-HR")) {
            Session session = organisation.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(queue(organisation, "ggk.inbound")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createBrowser(session.createQueue("ggk.inbound")).getEnumeration())
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anOrganisationWritesTheJmsDoorAndItsMessageCarriesItsLoginWhateverItClaims() throws Exception {
        try (Connection organisation = connect("0384", "demo-0384")) {
            Session session = organisation.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createTextMessage("<bericht/>");
            message.setStringProperty("JMSXUserID", "0363");
            message.setStringProperty("GgkOrganisation", "0363");
            session.createProducer(queue(organisation, "ggk.inbound")).send(message);
        }

        // read as the hub's route does: through Camel's JMS binding, the hub's own user
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ActiveMQComponent activeMq = new ActiveMQComponent();
            activeMq.setConnectionFactory(
                    new ActiveMQConnectionFactory("ggk-hub", HUB_PASSWORD, VM));
            camel.addComponent("activemq6", activeMq);
            camel.start();
            ConsumerTemplate consumer = camel.createConsumerTemplate();
            Exchange received = consumer.receive("activemq6:queue:ggk.inbound", 10_000);

            assertThat(received).isNotNull();
            assertThat(received.getMessage().getHeader("JMSXUserID")).isEqualTo("0384");
            assertThat(received.getMessage().getHeader("GgkOrganisation")).isEqualTo("0363");
        }
    }

    @Test
    void theHubMayUseEveryQueue() throws Exception {
        try (Connection hub = connect("ggk-hub", HUB_PASSWORD)) {
            Session session = hub.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(queue(hub, "ggk.intake.test")).send(session.createTextMessage("ref"));
            MessageConsumer consumer = session.createConsumer(queue(hub, "ggk.intake.test"));
            Message received = consumer.receive(10_000);
            assertThat(received).isNotNull();
            assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("ggk-hub");
            session.createTemporaryQueue().delete();
        }
    }

    private Connection connect(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(user, password, tcp).createConnection();
        try {
            connection.start();
            return connection;
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
    }

    private int depth(String name) throws JMSException {
        try (Connection hub = connect("ggk-hub", HUB_PASSWORD)) {
            Session session = hub.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return java.util.Collections.list(session.createBrowser(session.createQueue(name)).getEnumeration()).size();
        }
    }

    private static jakarta.jms.Queue queue(Connection connection, String name) throws JMSException {
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(name);
    }
}
