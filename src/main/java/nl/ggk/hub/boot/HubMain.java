package nl.ggk.hub.boot;

import nl.ggk.hub.config.ConfigFiles;
import nl.ggk.hub.config.HubConfigurations;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/** The hub as camel-main builds it: the entry point ({@code GgkHub}) and {@code bench-hub} both start this one. */
public final class HubMain {

    private HubMain() {
    }

    /** camel-main with the hub's configuration classes, in their order (routes and settings from the classpath). */
    public static Main newMain() {
        return newMain(true);
    }

    /**
     * As {@link #newMain()}; {@code hubStartLine} false for the CBS simulator's own process, which says where it
     * listens itself (CbsSimulatorMainListener) instead of a hub's portal, API and inbox.
     */
    public static Main newMain(boolean hubStartLine) {
        Main main = new Main();
        // config/ on disk wins over the packaged copy, file by file (README "Settings")
        ConfigFiles config = ConfigFiles.fromEnvironment();
        main.setDefaultPropertyPlaceholderLocation(config.propertyLocations(ConfigFiles.profileFromEnvironment()));
        LoggerFactory.getLogger(HubMain.class).info(config.describe());
        main.addMainListener(new RunLog(hubStartLine));
        HubConfigurations.addTo(main.configure());
        return main;
    }
}
