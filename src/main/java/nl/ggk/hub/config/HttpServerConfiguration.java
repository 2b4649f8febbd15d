package nl.ggk.hub.config;

import nl.ggk.hub.http.HttpFallbacks;
import nl.ggk.hub.web.Problems;
import org.apache.camel.CamelConfiguration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;

/**
 * The HTTP port's answers where no route answers (problem+json: 503 while the hub starts or stops, 404 for an
 * unknown path). First of the configurations: its service must be added before the others (the embedded broker
 * takes seconds to start), so that it starts right after the HTTP server.
 */
public class HttpServerConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        HttpFallbacks fallbacks = new HttpFallbacks(context, new Problems(),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.port}}")));
        context.getManagementStrategy().addEventNotifier(fallbacks.lifecycle());
        // camel-main added its HTTP server before this configuration ran, so it would start (and listen) before the
        // fallbacks: it is added again after them, and the fallbacks start it themselves and install their handlers
        // at once (a service already started is not started twice)
        List<MainHttpServer> servers = List.copyOf(context.hasServices(MainHttpServer.class));
        for (MainHttpServer server : servers) {
            context.removeService(server);
        }
        context.addService(fallbacks, true, true);
        for (MainHttpServer server : servers) {
            context.addService(server, true, true);
        }
    }
}
