package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.split.OutboundBatch;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.LogCapture;
import nl.ggk.hub.testsupport.Zips;
import nl.ggk.hub.track.TrackQueries;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * What a crash leaves behind, made on purpose in a running hub: a message on an internal queue whose delivery
 * record the database lost, a batch redelivered after its entries were recorded FORWARDED, a dead letter for a
 * delivery track &amp; trace does not know. None of them fails for ever, none fails on a foreign key.
 */
// it reads the JVM's log: in the execution reads-log, where no other hub logs beside it (pom.xml)
@Tag("reads-log")
class SelfRepairTest extends HubTestSupport {

    private static final ObjectMapper QUEUE_JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void anIntakeMessageWhoseDeliveryRecordWasLostIsForwardedAndTrackAndTraceRebuildsIt() throws Exception {
        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");
        String ref = context.getRegistry().lookupByNameAndType("contentStore", ContentStore.class)
                .store(new ByteArrayInputStream(wmo301)).ref();
        // accepted (202) and enqueued, then the process died before the database wrote the delivery's row
        Receipt receipt = new Receipt(UUID.randomUUID().toString(), "0384", "0384", "HTTP", "verloren.xml", ref,
                wmo301.length, Instant.now());
        try (LogCapture log = LogCapture.start()) {
            template.sendBodyAndHeader("activemq6:queue:ggk.intake", QUEUE_JSON.writeValueAsString(receipt),
                    "GgkDeliveryId", receipt.deliveryId());

            JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get("/api/v1/deliveries/" + receipt.deliveryId(), "demo-0384"),
                            r -> r.statusCode() == 200 && "FORWARDED".equals(json(r.body()).get("status").asText()))
                    .body().transform(SelfRepairTest::json);
            assertThat(trace.get("filename").asText()).isEqualTo("verloren.xml");
            assertThat(trace.get("channel").asText()).isEqualTo("HTTP");
            assertThat(trace.get("events").get(0).get("detail").asText())
                    .startsWith("ontvangen via het portaal of de API").contains("opnieuw vastgelegd uit het intakebericht");
            // once, under its delivery's id (other tests on this hub forward other files)
            assertThat(data("outbound/iwmo").toFile().list((dir, name) -> name.endsWith("-verloren.xml")))
                    .containsExactly(receipt.deliveryId() + "-0-verloren.xml");
            assertThat(log.text()).contains("Delivery " + receipt.deliveryId() + " was missing from track & trace")
                    .doesNotContainIgnoringCase("referential integrity").doesNotContain("to DLQ");
        }
    }

    @Test
    void aBatchRedeliveredAfterItsEntriesWereRecordedForwardedChangesNothing() throws Exception {
        byte[] wmo301 = Zips.istandaardenSamples().get("WMO301.xml");
        String id = deliver("nogmaals.xml", "demo-0384", "application/xml", wmo301);
        assertThat(awaitFinal(id, "demo-0384").get("status").asText()).isEqualTo("FORWARDED");
        File[] forwarded = data("outbound/iwmo").toFile().listFiles((dir, name) -> name.startsWith(id));
        assertThat(forwarded).hasSize(1);
        long written = forwarded[0].lastModified();

        // the broker gives the batch again: the process died after the FORWARDED commit, before the broker's
        TrackQueries.Entry entry = context.getRegistry().findSingleByType(TrackQueries.class).find(id)
                .orElseThrow().entries().get(0);
        EntryMessage again = new EntryMessage(id, "0384", Instant.now(), 0, "nogmaals.xml", Kind.IWMO, "WMO301",
                entry.payloadRef(), entry.payloadRef(), false, null, null, id, "nogmaals.xml", null, null);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("outbound-iwmo").whenCompleted(1).create();
        try (LogCapture log = LogCapture.start()) {
            template.sendBodyAndHeader("activemq6:queue:ggk.outbound.iwmo",
                    QUEUE_JSON.writeValueAsString(new OutboundBatch(id, Kind.IWMO, List.of(again))), "GgkDeliveryId",
                    id);
            assertThat(done.matches(30, TimeUnit.SECONDS)).as("the redelivered batch completed").isTrue();
            assertThat(log.text()).contains("every entry was forwarded already")
                    .doesNotContain("Failed delivery").doesNotContain("FatalFallbackErrorHandler");
        }
        assertThat(consumer.receiveNoWait("activemq6:queue:DLQ.ggk.outbound.iwmo")).isNull();
        assertThat(delivery(id, "demo-0384").get("status").asText()).isEqualTo("FORWARDED");
        assertThat(data("outbound/iwmo").toFile().listFiles((dir, name) -> name.startsWith(id))).hasSize(1);
        assertThat(forwarded[0].lastModified()).as("not written again").isEqualTo(written);
    }

    @Test
    void aDeadLetterForADeliveryTrackAndTraceDoesNotKnowStillReachesItsQueue() {
        String unknown = UUID.randomUUID().toString();
        try (LogCapture log = LogCapture.start()) {
            template.send("direct:dead-letter", exchange -> {
                exchange.getMessage().setBody("{\"deliveryId\":\"" + unknown + "\"}");
                exchange.getMessage().setHeaders(Map.of("GgkDeliveryId", unknown, "GgkKind", "IWMO",
                        "JMSDestination", new ActiveMQQueue("ggk.test.self-repair")));
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("gave up (test)"));
            });
            Exchange dead = consumer.receive("activemq6:queue:DLQ.ggk.test.self-repair", 10_000);
            assertThat(dead).as("in DLQ.ggk.test.self-repair").isNotNull();
            assertThat(dead.getMessage().getBody(String.class)).contains(unknown);
            assertThat(log.text()).contains("Delivery " + unknown + " is not in track & trace")
                    .doesNotContainIgnoringCase("referential integrity");
        }
    }
}
