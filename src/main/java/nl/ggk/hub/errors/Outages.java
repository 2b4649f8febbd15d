package nl.ggk.hub.errors;

import jakarta.jms.JMSException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure of the hub's own infrastructure (the database or the broker unreachable, a connection lost, the
 * pool out of connections) from a refusal of the input: the folder door retries the first with the file left where
 * it is (routeConfiguration folder-errors, {@code onWhen}) and quarantines only the second.
 */
public final class Outages {

    /** H2's codes of a database that is closed or whose connection broke (its SQLState is the code). */
    private static final Set<String> H2_GONE = Set.of("90098", "90067", "90121", "90020");

    /**
     * What HikariCP's connection says once the pool has closed it because it broke (the database restarted): a plain
     * SQLException without SQLState. Met after the first failure of a transaction on that connection.
     */
    private static final String HIKARI_CLOSED = "Connection is closed";

    /** True when {@code failure}, or any exception it was caused by, says the database or the broker is away. */
    public boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof JMSException || isJmsTemplateFailure(t)) {
                return true;
            }
            // 08: connection exception; 57P: the server shutting down or starting (PostgreSQL: 57P01 admin or
            // immediate shutdown, 57P02 crash of another process, 57P03 cannot connect now)
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("57P") || H2_GONE.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code failure}, or any exception it was caused by, is a failure of the broker connection (the broker
     * killed or restarted: the session of the transacted consumer is gone, a send cannot be made in it).
     */
    public boolean isBrokerOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JMSException || isJmsTemplateFailure(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code failure}, or any exception it was caused by, says a folder of the data root cannot be written
     * (the outbox made read-only, a full or remounted file system): not the message's fault, and over once the folder
     * is writable again. Camel's file producer reports it as a GenericFileOperationFailedException ("Cannot store
     * file"), known by name so that this class needs no Camel type.
     */
    public boolean isFolderOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.file.FileSystemException
                    || t.getClass().getName().equals("org.apache.camel.component.file.GenericFileOperationFailedException")) {
                return true;
            }
        }
        return false;
    }

    /** Spring's JmsTemplate (camel-activemq6's producer) wraps a JMSException in its own runtime exception. */
    private static boolean isJmsTemplateFailure(Throwable t) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.springframework.jms.JmsException")) {
                return true;
            }
        }
        return false;
    }
}
