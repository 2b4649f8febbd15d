package nl.ggk.hub.config;

import nl.ggk.hub.http.HttpFallbacks;
import nl.ggk.hub.web.Problems;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

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
        context.addService(fallbacks, true, true);
    }
}
