package nl.ggk.hub.cbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

/** A terugmelding the broker does not take is not accepted: 503, and its delivery says FAILED. */
@OwnHub("it advises api-terugmelding-send to fail")
class TerugmeldingNotQueuedTest extends HubTestSupport {

    @Test
    void whenTheQueueRefusesItTheCallerGets503AndTheDeliveryIsFailed() throws Exception {
        AdviceWith.adviceWith(context, "terugmelding-queue", route -> route.weaveById("terugmelding-enqueue").replace()
                .throwException(new jakarta.jms.JMSException("broker unreachable (simulated)")));
        String reportRef = StufIds.newReferentienummer();
        String ref = context.getRegistry().findSingleByType(ContentStore.class)
                .store(new ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))).ref();
        context.createProducerTemplate().sendBody("activemq6:queue:ggk.cbs.return", JSON.writeValueAsString(
                new CbsReturns.ReturnMessage(reportRef, null, "Di01", "CBS", "0384", "spiegelrapport-0384.pdf",
                        "Dummy", ref, null, null, null, null)));
        OutboxStore outbox = context.getRegistry().findSingleByType(OutboxStore.class);
        String itemId = await().atMost(Duration.ofSeconds(30)).until(
                () -> outbox.withCrossRef(reportRef).stream().map(OutboxStore.Item::id).findFirst().orElse(null),
                id -> id != null);

        HttpResponse<String> answer = post("/api/v1/outbox/" + itemId + "/terugmelding", "demo-0384",
                "application/json", "{\"tekst\": \"Klopt niet.\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        String deliveryId;
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT delivery_id FROM terugmelding WHERE cross_ref = ?")) {
            s.setString(1, reportRef);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                deliveryId = r.getString(1);
            }
        }
        JsonNode trace = delivery(deliveryId, "demo-0384");
        assertThat(trace.get("status").asText()).isEqualTo("FAILED");
        assertThat(trace.get("entries").get(0).get("events").toString())
                .contains("terugmelding niet in de wachtrij voor CBS gezet");
    }
}
