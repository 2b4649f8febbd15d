package nl.ggk.hub.boot;

import java.util.function.Function;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines an operator needs when the hub starts and stops: the addresses it really listens on (Camel's own
 * endpoint summary prints {@code 0.0.0.0} whatever the host), the data root, and that the shutdown finished; and
 * a start refused at once when an HTTP port is taken, naming the setting to change.
 */
public final class RunLog extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
    static final String STOPPED = "ggk-hub stopped: routes, broker and database closed; what was acknowledged is kept";

    private final boolean hubStartLine;

    public RunLog() {
        this(true);
    }

    /** {@code hubStartLine} false: no "ggk-hub started" line (a process that is no hub says what it is itself). */
    public RunLog(boolean hubStartLine) {
        this.hubStartLine = hubStartLine;
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        Optional<String> clash = PortClash.checkBeforeStart(key -> properties.resolveProperty(key));
        if (clash.isPresent()) {
            throw new IllegalStateException(clash.get());
        }
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        if (!hubStartLine) {
            return;
        }
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        LOG.info(started(key -> properties.resolveProperty(key)));
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        // on SIGTERM (Ctrl-C, docker stop) the JVM ends once its shutdown hook stopped Camel: afterStop of the main
        // thread never runs, the context's own stop does
        main.getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                LOG.info(STOPPED);
            }
        });
    }

    static String started(Function<String, Optional<String>> setting) {
        String host = setting.apply("camel.server.host").orElse("0.0.0.0");
        String transport = setting.apply("ggk.broker.embedded.transport").filter(t -> !t.isBlank())
                .filter(t -> setting.apply("ggk.broker.embedded").map(Boolean::parseBoolean).orElse(true))
                .orElse(null);
        String http = "http://" + host + ":" + setting.apply("camel.server.port").orElse("?");
        return "ggk-hub started: portal " + http + "/, API " + http
                + "/api/v1/deliveries (GGK_HTTP_HOST, GGK_HTTP_PORT), health and metrics http://"
                + setting.apply("camel.management.host").orElse(host) + ":"
                + setting.apply("camel.management.port").orElse("?") + "/observe/health and /observe/metrics"
                + " (GGK_MANAGEMENT_PORT), "
                + (transport == null ? "embedded broker in-JVM only" : "JMS clients " + transport
                        + " (GGK_BROKER_TRANSPORT)")
                + ", data root " + setting.apply("ggk.data-dir").orElse("?") + " (GGK_DATA_DIR, drop files in"
                + " inbox/<organisation>/)";
    }
}
