package nl.ggk.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import nl.ggk.hub.config.HubConfigurations;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConstants;

/**
 * One whole hub started in the test JVM as {@code java -jar} would start it (camel-main, the YAML routes,
 * embedded broker and database), on a data root, ports and broker name of its own, so that several can run in
 * one JVM side by side.
 */
public final class TestHub implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** The profile it was started for (see {@link HubExtension}): its settings over application.properties. */
    public final String profile;
    public final Path dataDir;
    public final int httpPort;
    public final int managementPort;
    /** The embedded broker's TCP transport, where external JMS clients connect. */
    public final String brokerTcpUrl;
    private final Main main;

    private TestHub(String profile, Path dataDir, int httpPort, int managementPort, String brokerTcpUrl, Main main) {
        this.profile = profile;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.brokerTcpUrl = brokerTcpUrl;
        this.main = main;
    }

    /** Starts a hub with {@code settings} over application.properties and a fresh data root, free ports. */
    public static TestHub start(String profile, Properties settings) {
        int instance = NEXT.incrementAndGet();
        Path dataDir = settings.containsKey("ggk.data-dir") ? null : freshDataRoot();
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        String brokerTcpUrl = "tcp://127.0.0.1:" + FreePorts.next();
        Properties overrides = new Properties();
        overrides.putAll(settings);
        // settings may name a data root and a broker (several instances of one hub, a restart on the same data)
        dataDir = settings.containsKey("ggk.data-dir") ? Path.of(settings.getProperty("ggk.data-dir")) : dataDir;
        brokerTcpUrl = settings.getProperty("ggk.broker.embedded.transport", brokerTcpUrl);
        overrides.setProperty("ggk.data-dir", dataDir.toString());
        if (!settings.containsKey("ggk.data-dir") && settings.getProperty("ggk.db.url", "").isBlank()) {
            // the embedded H2 of a fresh data root: PersistenceConfiguration's <data>/db/ggk, schema already made
            H2Template.copyTo(dataDir.resolve("db").resolve("ggk"));
        }
        overrides.setProperty("camel.server.port", String.valueOf(httpPort));
        overrides.setProperty("camel.management.port", String.valueOf(managementPort));
        // the hub's own connection names its broker: one of its own in this JVM (unless the settings name an
        // external broker, e.g. ArtemisProcess)
        if (!settings.containsKey("ggk.broker.url")) {
            overrides.setProperty("ggk.broker.url", "vm://ggk-hub-test-" + ProcessHandle.current().pid() + "-"
                    + instance + "?create=false");
        }
        overrides.setProperty("ggk.broker.embedded.transport", brokerTcpUrl);

        Main main = new Main();
        HubConfigurations.addTo(main.configure());
        main.setPropertyPlaceholderLocations(MainConstants.DEFAULT_PROPERTY_PLACEHOLDER_LOCATION);
        main.setOverrideProperties(overrides);
        try {
            main.start();
        } catch (RuntimeException e) {
            stopQuietly(main);
            throw e;
        }
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            stopQuietly(main);
            throw new IllegalStateException("the hub (" + profile + ") did not start");
        }
        return new TestHub(profile, dataDir, httpPort, managementPort, brokerTcpUrl, main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** A graceful stop, as Ctrl-C would: routes, then the broker and the database. */
    @Override
    public void close() {
        stopQuietly(main);
    }

    private static void stopQuietly(Main main) {
        try {
            main.stop();
        } catch (RuntimeException e) {
            System.err.println("stopping a test hub: " + e);
        }
    }

    private static Path freshDataRoot() {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
            return Files.createTempDirectory(base, "hub-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
