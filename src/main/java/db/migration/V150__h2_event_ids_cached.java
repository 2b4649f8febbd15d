package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, track &amp; trace's event ids are handed out from a cache of 1,000 instead of H2's default 32: every time the
 * cache runs out, H2 commits the identity's new state in a transaction of its own, a whole store of the database file
 * (a fifth of the database work of a burst of small iWMO messages, issue 20). H2 shares one cache per database, so ids
 * keep growing in the order events are written; a crash only skips the rest of the cache. On PostgreSQL the cache would
 * be per connection and events of one delivery could be numbered out of order (they are read back ordered by id):
 * nothing changes there.
 */
public class V150__h2_event_ids_cached extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE delivery_event ALTER COLUMN id SET CACHE 1000");
        }
    }
}
