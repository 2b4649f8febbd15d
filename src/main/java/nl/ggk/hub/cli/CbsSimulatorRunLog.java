package nl.ggk.hub.cli;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The line an operator reads when the CBS simulator process ({@code cbs-simulator}) is up: where it listens. */
public final class CbsSimulatorRunLog extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CbsSimulatorRunLog.class);

    @Override
    public void afterStart(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String at = "http://" + properties.resolveProperty("camel.server.host").orElse("?") + ":"
                + properties.resolveProperty("camel.server.port").orElse("?");
        LOG.info("CBS simulator started: RINIS/CBS at {}/sim/cbs, what it received at {}/sim/cbs/received (and "
                        + "/sim/cbs/receipts), failures at {}/sim/cbs/control; calls back to {}", at, at, at,
                properties.resolveProperty("ggk.cbs.simulator.hub-endpoint").orElse("?"));
    }
}
