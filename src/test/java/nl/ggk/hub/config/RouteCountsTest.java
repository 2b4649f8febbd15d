package nl.ggk.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import nl.ggk.hub.observe.HubFigures;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The Stroom page's counts per route, from Camel's micrometer counters (failed and failures handled together). */
class RouteCountsTest {

    @Test
    void eachRouteGetsItsOwnCountersAndARouteWithoutCountersZero() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            MeterRegistry meters = new SimpleMeterRegistry();
            context.getRegistry().bind("meters", meters);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:a").routeId("a").to("log:a?level=OFF");
                    from("direct:b").routeId("b").to("log:b?level=OFF");
                    from("direct:c").routeId("c").to("log:c?level=OFF");
                }
            });
            context.start();
            meters.counter("camel.exchanges.total", "routeId", "a").increment(7);
            meters.counter("camel.exchanges.failed", "routeId", "a").increment(2);
            meters.counter("camel.exchanges.failures.handled", "routeId", "a").increment(1);
            meters.counter("camel.exchanges.total", "routeId", "b").increment(3);
            meters.counter("camel.exchanges.failures.handled", "routeId", "b").increment(3);
            meters.counter("camel.exchanges.total", "routeId", "elsewhere").increment(99);

            Map<String, HubFigures.RouteCount> counts = OperatorConfiguration.routeCounts(context);

            assertThat(counts).containsOnlyKeys("a", "b", "c");
            assertThat(counts.get("a")).isEqualTo(new HubFigures.RouteCount(7, 3, 0));
            assertThat(counts.get("b")).isEqualTo(new HubFigures.RouteCount(3, 3, 0));
            assertThat(counts.get("c")).isEqualTo(new HubFigures.RouteCount(0, 0, 0));
        }
    }
}
