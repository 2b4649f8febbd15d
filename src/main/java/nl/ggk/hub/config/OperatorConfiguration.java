package nl.ggk.hub.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.ggk.hub.observe.CbsChainWatch;
import nl.ggk.hub.observe.HubFigures;
import nl.ggk.hub.operator.DeadLetters;
import nl.ggk.hub.operator.OperatorActions;
import nl.ggk.hub.queues.FailureNotes;
import nl.ggk.hub.queues.QueueBrowsing;
import nl.ggk.hub.track.TrackEvents;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.Route;

/**
 * The operator's view (issue 18, ggk.observe.*, ggk.operator.*): the figures of queues, track &amp; trace and the
 * CBS hop (metrics and the Stroom and Keten pages), the dead-letter queues and what an operator does with them.
 */
public class OperatorConfiguration implements CamelConfiguration {

    @BindToRegistry
    public QueueBrowsing queueBrowsing(ConnectionFactory jmsConnectionFactory,
                                       @PropertyInject("ggk.observe.browse-max") int browseMax,
                                       @PropertyInject("ggk.operator.max-record-chars") int maxRecordChars) {
        return new QueueBrowsing(jmsConnectionFactory, browseMax, maxRecordChars);
    }

    /** Notes on a dead letter's failure (the dead-letter route's step dead-letter-note). */
    @BindToRegistry
    public FailureNotes failureNotes() {
        return new FailureNotes(Clock.systemUTC());
    }

    @BindToRegistry
    public CbsChainWatch cbsChainWatch(CamelContext context) {
        return new CbsChainWatch(() -> context.getRegistry().findSingleByType(MeterRegistry.class), Clock.systemUTC());
    }

    @BindToRegistry
    public HubFigures hubFigures(CamelContext context, QueueBrowsing queues, DataSource dataSource, DataRoot dataRoot,
                                 @PropertyInject("ggk.observe.queues") String queueNames) {
        return new HubFigures(() -> context.getRegistry().findSingleByType(MeterRegistry.class),
                () -> routeCounts(context), queues, names(queueNames), dataSource, dataRoot.root(), Clock.systemUTC());
    }

    @BindToRegistry
    public OperatorActions operatorActions(DataSource dataSource) {
        return new OperatorActions(dataSource, Clock.systemUTC());
    }

    @BindToRegistry
    public DeadLetters deadLetters(ConnectionFactory jmsConnectionFactory, QueueBrowsing queues,
                                   TrackEvents trackStore, OperatorActions actions,
                                   @PropertyInject("ggk.operator.max-per-action") int maxPerAction) {
        return new DeadLetters(jmsConnectionFactory, queues, trackStore, actions, maxPerAction);
    }

    static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Every route's exchanges (Camel's route-policy meters) and its in-flight count. */
    static Map<String, HubFigures.RouteCount> routeCounts(CamelContext context) {
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        // each counter name looked up once for all routes: a look-up per route scanned every meter 3 x 83 times
        Map<String, Long> total = countsByRoute(meters, "camel.exchanges.total");
        Map<String, Long> failed = countsByRoute(meters, "camel.exchanges.failed");
        Map<String, Long> handled = countsByRoute(meters, "camel.exchanges.failures.handled");
        Map<String, HubFigures.RouteCount> counts = new LinkedHashMap<>();
        for (Route route : context.getRoutes()) {
            String id = route.getRouteId();
            counts.put(id, new HubFigures.RouteCount(total.getOrDefault(id, 0L),
                    failed.getOrDefault(id, 0L) + handled.getOrDefault(id, 0L),
                    context.getInflightRepository().size(id)));
        }
        return counts;
    }

    /** The counters of this name by their routeId tag (summed, should a route have several). */
    private static Map<String, Long> countsByRoute(MeterRegistry meters, String name) {
        Map<String, Long> byRoute = new java.util.HashMap<>();
        if (meters == null) {
            return byRoute;
        }
        for (Counter counter : meters.find(name).counters()) {
            String routeId = counter.getId().getTag("routeId");
            if (routeId != null) {
                byRoute.merge(routeId, (long) counter.count(), Long::sum);
            }
        }
        return byRoute;
    }
}
