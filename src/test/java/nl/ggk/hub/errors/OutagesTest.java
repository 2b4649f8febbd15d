package nl.ggk.hub.errors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import nl.ggk.hub.intake.IntakeRejectedException;
import org.junit.jupiter.api.Test;

/** What the folder door retries (the database or the broker away) and what it quarantines (everything else). */
class OutagesTest {

    private final Outages outages = new Outages();

    @Test
    void aLostDatabaseOrBrokerIsAnOutageWhereverItIsInTheCauseChain() {
        assertThat(outages.isOutage(new IllegalStateException("database: no connection",
                new SQLTransientConnectionException("Connection is not available")))).isTrue();
        assertThat(outages.isOutage(new SQLException("refused", "08001"))).isTrue();
        assertThat(outages.isOutage(new IllegalStateException("database: closed",
                new SQLException("Database is already closed", "90098")))).isTrue();
        assertThat(outages.isOutage(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        assertThat(outages.isOutage(new RuntimeException(new JMSException("broker gone")))).isTrue();
        assertThat(outages.isOutage(new SQLException("terminating connection due to immediate shutdown command",
                "57P01"))).isTrue();
        assertThat(outages.isOutage(new SQLException("the database system is starting up", "57P03"))).isTrue();
        // HikariCP's connection once the pool closed it because it broke: no SQLState
        assertThat(outages.isOutage(new IllegalStateException("database: Connection is closed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aFolderThatCannotBeWrittenIsAFolderOutageAndALostBrokerABrokerOutage() {
        assertThat(outages.isFolderOutage(new org.apache.camel.component.file.GenericFileOperationFailedException(
                "Cannot store file: outbox/0363/.part-x.zip"))).isTrue();
        assertThat(outages.isFolderOutage(new RuntimeException(new java.nio.file.AccessDeniedException("outbox"))))
                .isTrue();
        assertThat(outages.isFolderOutage(new IOException("not a ZIP"))).isFalse();
        assertThat(outages.isFolderOutage(new RuntimeException(new JMSException("broker gone")))).isFalse();
        assertThat(outages.isBrokerOutage(new RuntimeException(new JMSException("The session has already been closed"))))
                .isTrue();
        assertThat(outages.isBrokerOutage(new SQLException("refused", "08001"))).isFalse();
        assertThat(outages.isBrokerOutage(null)).isFalse();
    }

    @Test
    void aBadFileOrAnotherDatabaseErrorIsNoOutage() {
        assertThat(outages.isOutage(new IllegalStateException("database: duplicate",
                new SQLException("unique", "23505")))).isFalse();
        assertThat(outages.isOutage(new IOException("not a ZIP"))).isFalse();
        assertThat(outages.isOutage(new SQLException("Connection is closed", "42000"))).isFalse();
        assertThat(outages.isOutage(new IntakeRejectedException("empty", "Het bestand is leeg."))).isFalse();
        assertThat(outages.isOutage(null)).isFalse();
    }
}
