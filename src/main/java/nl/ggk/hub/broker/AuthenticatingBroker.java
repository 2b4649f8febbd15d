package nl.ggk.hub.broker;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.command.Message;
import org.apache.activemq.security.AbstractAuthenticationBroker;
import org.apache.activemq.security.SecurityContext;

/**
 * Every connection, on every transport (the hub's own {@code vm://} included), must log in as a
 * {@link BrokerUsers} user; and every message sent carries its sender's authenticated user name as
 * {@code JMSXUserID}, whatever the client put there.
 *
 * <p>The stamp is done here rather than by ActiveMQ's {@code populateJMSXUserID}: that one keeps a
 * client's own value on a connection that calls itself a network bridge (a claim any client can make),
 * and its {@code useAuthenticatedPrincipalForJMSXUserID} needs activemq-jaas' principal classes.
 */
final class AuthenticatingBroker extends AbstractAuthenticationBroker {

    private final BrokerUsers users;

    AuthenticatingBroker(Broker next, BrokerUsers users) {
        super(next);
        this.users = users;
    }

    @Override
    public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
        SecurityContext security = context.getSecurityContext();
        if (security == null) {
            security = authenticate(info.getUserName(), info.getPassword(), null);
            context.setSecurityContext(security);
            securityContexts.add(security);
        }
        try {
            super.addConnection(context, info);
        } catch (Exception e) {
            securityContexts.remove(security);
            context.setSecurityContext(null);
            throw e;
        }
    }

    @Override
    public SecurityContext authenticate(String user, String password, X509Certificate[] certificates) {
        BrokerUsers.Authenticated who = users.authenticate(user, password).orElseThrow(() -> new SecurityException(
                "User name [" + user + "] or password is invalid."));
        Set<Principal> principals = Set.of(who.role());
        return new SecurityContext(who.user()) {
            @Override
            public Set<Principal> getPrincipals() {
                return principals;
            }
        };
    }

    @Override
    public void send(ProducerBrokerExchange exchange, Message message) throws Exception {
        SecurityContext security = exchange.getConnectionContext().getSecurityContext();
        if (security != null && !security.isBrokerContext()) {
            message.setUserID(security.getUserName());
        }
        super.send(exchange, message);
    }
}
