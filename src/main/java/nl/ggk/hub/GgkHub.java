package nl.ggk.hub;

import org.apache.camel.main.Main;

/**
 * Entry point. Without arguments it starts the hub (camel-main: routes from {@code routes/}, settings from
 * {@code application.properties}); sub-commands run offline tools without broker or database.
 */
public final class GgkHub {

    private GgkHub() {
    }

    public static void main(String[] args) throws Exception {
        // the main class's package is scanned: HubConfiguration is found there, and nothing else is registered
        Main main = new Main(GgkHub.class);
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            // a start-up failure must end the JVM even when the embedded broker's threads already run
            System.err.println("ggk-hub could not start: " + e.getMessage());
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
