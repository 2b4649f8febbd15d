package nl.ggk.hub.cli;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.component.properties.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CBS simulator process ({@code cbs-simulator}) apart from a hub's environment, and the line an operator reads when
 * it is up: where it listens.
 */
public final class CbsSimulatorMainListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CbsSimulatorMainListener.class);

    /**
     * A setting's name as an environment variable (GGK_DB_URL for ggk.db.url) would win over the simulator's own
     * settings (CbsSimulatorCommand): the properties component looks no key up in the environment. The documented
     * {@code {{env:GGK_...}}} defaults in application.properties are functions, not look-ups by key, and still apply.
     */
    @Override
    public void beforeInitialize(BaseMainSupport main) {
        if (main.getCamelContext() != null
                && main.getCamelContext().getPropertiesComponent() instanceof PropertiesComponent properties) {
            properties.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        }
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        beforeInitialize(main);
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        org.apache.camel.spi.PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String at = "http://" + properties.resolveProperty("camel.server.host").orElse("?") + ":"
                + properties.resolveProperty("camel.server.port").orElse("?");
        LOG.info("CBS simulator started: RINIS/CBS at {}/sim/cbs, what it received at {}/sim/cbs/received (and "
                        + "/sim/cbs/receipts), failures at {}/sim/cbs/control; calls back to {}", at, at, at,
                properties.resolveProperty("ggk.cbs.simulator.hub-endpoint").orElse("?"));
    }
}
