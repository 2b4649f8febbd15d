package nl.ggk.hub.observe;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of what the hub cannot work without: broker, database and room on the data root. Each check says what
 * it found in its message, which /observe/health shows by default ({@code camel.health.exposure-level=full});
 * the details ({@code ?data=true}) carry the same as values.
 */
public final class HubHealthChecks {

    private HubHealthChecks() {
    }

    public static AbstractHealthCheck broker(BooleanSupplier reachable) {
        return new AbstractHealthCheck("ggk", "broker") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, java.util.Map<String, Object> options) {
                boolean up = reachable.getAsBoolean();
                builder.detail("reachable", up);
                if (up) {
                    builder.message("broker reachable").up();
                } else {
                    builder.message("broker not reachable").down();
                }
            }
        };
    }

    public static AbstractHealthCheck database(DataSource dataSource) {
        return new AbstractHealthCheck("ggk", "database") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, java.util.Map<String, Object> options) {
                try (Connection connection = dataSource.getConnection()) {
                    String product = connection.getMetaData().getDatabaseProductName();
                    builder.detail("product", product);
                    if (connection.isValid(2)) {
                        builder.message(product + " reachable").up();
                    } else {
                        builder.message("database connection not valid").down();
                    }
                } catch (Exception e) {
                    builder.message("database not reachable: " + e.getMessage()).down();
                }
            }
        };
    }

    public static AbstractHealthCheck diskSpace(Path dataRoot, long minimumFreeBytes) {
        return new AbstractHealthCheck("ggk", "disk-space") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, java.util.Map<String, Object> options) {
                try {
                    FileStore store = Files.getFileStore(dataRoot);
                    long free = store.getUsableSpace();
                    builder.detail("free.bytes", free).detail("minimum.bytes", minimumFreeBytes);
                    if (free >= minimumFreeBytes) {
                        builder.message(free + " bytes free on the data root (minimum " + minimumFreeBytes + ")").up();
                    } else {
                        builder.message("less than " + minimumFreeBytes + " bytes free on " + dataRoot).down();
                    }
                } catch (IOException e) {
                    builder.message("cannot read free space of " + dataRoot + ": " + e.getMessage()).down();
                }
            }
        };
    }
}
