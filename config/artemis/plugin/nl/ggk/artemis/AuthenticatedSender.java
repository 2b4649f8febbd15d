package nl.ggk.artemis;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * An Artemis broker plugin (loaded from the instance's {@code lib/}, enabled in {@code etc/broker.properties}):
 * every message a client sends carries the user name the broker authenticated for its session as
 * {@code JMSXUserID}, whatever the client put there, as ActiveMQ Classic does with {@code populateJMSXUserID} and
 * {@code useAuthenticatedPrincipalForJMSXUserID}, and as the hub's embedded broker does.
 *
 * <p>Artemis keeps an OpenWire client's {@code JMSXUserID} in the core property {@code __HDR_USER_ID} and hands
 * that to an OpenWire consumer (the hub); {@code populate-validated-user} only fills {@code _AMQ_VALIDATED_USER},
 * which an OpenWire consumer never sees (Artemis drops every {@code _AMQ*} property when it converts a message to
 * OpenWire). So both names are overwritten here, before the message is routed: {@code __HDR_USER_ID} for OpenWire
 * consumers, a {@code JMSXUserID} property for every other protocol (and so that a client that set that
 * property itself over CORE or AMQP cannot override the OpenWire user id either).
 *
 * <p>Messages the broker moves itself (dead letters, scheduled redeliveries) are not sent by a session and keep
 * the sender's stamp. Requires logins ({@code artemis create --require-login}): without them the session's user
 * is whatever the client claimed.
 */
public final class AuthenticatedSender implements ActiveMQServerMessagePlugin {

    /** Where Artemis' OpenWire converter keeps an OpenWire message's user id (OpenWireConstants.AMQ_MSG_USER_ID). */
    static final SimpleString OPENWIRE_USER_ID = SimpleString.of("__HDR_USER_ID");
    static final SimpleString JMSX_USER_ID = SimpleString.of("JMSXUserID");

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) throws ActiveMQException {
        String user = session == null ? null : session.getValidatedUser();
        if (user == null || user.isEmpty()) {
            // nobody authenticated: no claim survives either
            message.removeProperty(OPENWIRE_USER_ID);
            message.removeProperty(JMSX_USER_ID);
            return;
        }
        SimpleString stamp = SimpleString.of(user);
        message.putStringProperty(OPENWIRE_USER_ID, stamp);
        message.putStringProperty(JMSX_USER_ID, stamp);
    }
}
