package nl.ggk.hub.cbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import nl.ggk.hub.stuf.StufSchemas;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** CBS stays down longer than the give-up time: the file is FAILED, dead-lettered, and the municipality told. */
@OwnHub("it switches the CBS simulator into an outage")
// a hub of its own, mostly waiting on CBS retries: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("CbsGiveUpFlowTest")
@org.junit.jupiter.api.Order(12)
class CbsGiveUpFlowTest extends HubTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.cbs.retry.initial-delay-ms", "100");
        overrides.setProperty("ggk.cbs.retry.max-delay-ms", "300");
        overrides.setProperty("ggk.cbs.retry.give-up-after-ms", "1500");
        return overrides;
    }

    @Test
    void aFileCbsNeverAcceptsEndsFailedInTheDeadLetterQueueWithAnFo01() throws Exception {
        Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/sim/cbs/control?mode=unavailable&seconds=600")).POST(HttpRequest.BodyPublishers.noBody()).build());
        String id = deliver("0384_SBO_2026H1.csv", "demo-0384", "text/csv",
                Files.readAllBytes(Path.of("docs/examples/0384_SBO_2026H1.csv")));

        JsonNode entry = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-0384").get("entries").get(0),
                        e -> "FAILED".equals(e.get("status").asText()));
        assertThat(entry.get("events").toString()).contains("opgegeven na");

        Exchange dead = consumer.receive("activemq6:queue:DLQ.ggk.cbs.outbound", 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessage().getBody(String.class)).contains(id);

        Path fo01;
        try (Stream<Path> files = Files.list(data("outbox/0384"))) {
            fo01 = files.filter(p -> p.getFileName().toString().startsWith("Fo01-" + id)).findFirst().orElseThrow();
        }
        assertThat(Files.readString(fo01)).contains("GGK031");
        StufSchemas.assertValidFo01(fo01);
    }
}
