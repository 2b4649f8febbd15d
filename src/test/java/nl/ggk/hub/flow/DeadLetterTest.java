package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Zips;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

/** A channel that keeps failing: retries with back-off, then DLQ.<queue> and FAILED with the reason. */
@OwnHub("it advises outbound-iwmo to fail")
class DeadLetterTest extends HubTestSupport {

    @Test
    void outboundEndpointDownEndsInTheDeadLetterQueueAndFailedStatus() throws Exception {
        AdviceWith.adviceWith(context, "outbound-iwmo", route -> route.weaveById("outbound-send").replace()
                .throwException(new IOException("outbound share not mounted (simulated)")));

        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");
        HttpResponse<String> response = post("/api/v1/deliveries?filename=WMO301.xml", "demo-0384",
                "application/xml", wmo301);
        String id = json(response.body()).get("id").asText();

        Exchange dead = consumer.receive("activemq6:queue:DLQ.ggk.outbound.iwmo", 30_000);
        assertThat(dead).as("message in DLQ.ggk.outbound.iwmo").isNotNull();
        assertThat(dead.getMessage().getHeader("GgkDeliveryId", String.class)).isEqualTo(id);

        JsonNode trace = await().atMost(Duration.ofSeconds(20))
                .until(() -> delivery(id, "demo-0384"), t -> "FAILED".equals(t.get("status").asText()));
        JsonNode entry = trace.get("entries").get(0);
        assertThat(entry.get("status").asText()).isEqualTo("FAILED");
        JsonNode last = entry.get("events").get(entry.get("events").size() - 1);
        assertThat(last.get("detail").asText()).contains("outbound share not mounted");
        assertThat(data("outbound/iwmo").toFile().list()).isNullOrEmpty();
    }

    @Test
    void metricsCountDeliveriesByKindAndStatusWithoutPersonalData() {
        String csv = "20260701;0384;999990019;01;1;20260101;;1;;;;;;;\n";
        HttpResponse<String> response = post("/api/v1/deliveries?filename=0384_WMO_2026H1.csv", "demo-0384",
                "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String id = json(response.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id, "demo-0384").get("entries").size() > 0);

        String metrics = await().atMost(Duration.ofSeconds(10)).until(() -> managementGet("/observe/metrics"),
                m -> m.contains("kind=\"CBS\""));
        assertThat(metrics).contains("ggk_deliveries_total");
        assertThat(metrics).doesNotContain("999990019");
        assertThat(managementGet("/observe/health")).contains("\"status\"");
    }
}
