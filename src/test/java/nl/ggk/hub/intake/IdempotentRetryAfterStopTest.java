package nl.ggk.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends POST /api/v1/deliveries with an Idempotency-Key again because the hub stopped before it
 * answered gets one delivery of its file, whichever step the hub stopped after. The stop is a step failing once for
 * one file name: what was committed before it stays, nothing after it happens, as when the process dies there (the
 * FaultInjectionTest kills a hub with kill -9 at a random moment under load).
 */
@OwnHub("it advises intake and intake-http to stop after chosen steps")
class IdempotentRetryAfterStopTest extends HubTestSupport {

    private static final byte[] CSV = "20260701;0363;999990007\n".getBytes(StandardCharsets.UTF_8);

    /** The file name whose first try stops, and at which step; cleared by the stop. */
    private final StopOnce stopAfterAnswered = new StopOnce();
    private final StopOnce stopAfterClaim = new StopOnce();
    private final StopOnce stopBeforeEnqueue = new StopOnce();

    /** Fails the exchange once for the file name it is armed with, as it finds it in what the step is about. */
    private static final class StopOnce {
        private volatile String filename;
        private final AtomicBoolean stopped = new AtomicBoolean();

        void arm(String name) {
            filename = name;
        }

        void stop(Object about) {
            String name = filename;
            if (name != null && String.valueOf(about).contains(name)
                    && stopped.compareAndSet(false, true)) {
                throw new IllegalStateException("the hub stopped here (simulated)");
            }
        }
    }

    private boolean advised;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (advised) {
            return;
        }
        // after every part's receipt reached the broker, before the answer was kept for the key
        AdviceWith.adviceWith(context, "intake-http", route -> route.weaveById("intake-http-answer-of-parts").before()
                .process(exchange -> stopAfterAnswered.stop(exchange.getProperty("GgkDeliveryRequest"))));
        // after the part was recorded under the key, before its delivery was recorded
        AdviceWith.adviceWith(context, "intake", route -> {
            route.weaveById("track-received").before().process(exchange -> stopAfterClaim.stop(exchange.getIn().getBody()));
            // after its delivery was recorded, before its receipt went to the broker
            route.weaveById("intake-log").before().process(exchange -> stopBeforeEnqueue.stop(exchange.getIn().getBody()));
        });
        advised = true;
    }

    @Test
    void stoppedAfterTheReceiptReachedTheBrokerTheRetryIsAnsweredWithTheSameDeliveryAndNothingGoesTwice() {
        String filename = "0363_WMO_2026H1.csv";
        String key = firstTryStops(stopAfterAnswered, filename);
        // the first try's delivery goes on without an answer; the client retries once it has settled
        String id = awaitOneDelivery(filename);
        JsonNode settled = awaitFinal(id, "demo-0363");

        HttpResponse<String> retry = upload(filename, key);
        HttpResponse<String> again = upload(filename, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(json(retry.body()).get("id").asText()).isEqualTo(id);
        assertThat(retry.headers().firstValue("Location")).contains("/api/v1/deliveries/" + id);
        assertThat(again.body()).as("a second retry replays the kept answer").isEqualTo(retry.body());
        assertThat(idsOf(filename)).as("deliveries of the file in track & trace").containsExactly(id);
        // the settled delivery was not sent through the chain again
        assertThat(delivery(id, "demo-0363").get("events").size()).isEqualTo(settled.get("events").size());
        assertThat(delivery(id, "demo-0363").get("status").asText()).isEqualTo(settled.get("status").asText());
    }

    @Test
    void stoppedAfterThePartWasRecordedBeforeItsDeliveryWasTheRetryDeliversItOnce() {
        String filename = "0363_WMO_2025H2.csv";
        String key = firstTryStops(stopAfterClaim, filename);
        assertThat(idsOf(filename)).as("no delivery recorded before the stop").isEmpty();

        NotifyBuilder consumed = new NotifyBuilder(context).fromRoute("split-classify").whenDone(1).create();
        HttpResponse<String> retry = upload(filename, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        String id = json(retry.body()).get("id").asText();
        assertThat(consumed.matches(60, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitFinal(id, "demo-0363").get("status").asText()).isNotEqualTo("RECEIVED");
        assertThat(idsOf(filename)).as("deliveries of the file in track & trace").containsExactly(id);
    }

    @Test
    void stoppedAfterTheDeliveryWasRecordedBeforeItsReceiptWentToTheBrokerTheRetryEnqueuesItOnce() {
        String filename = "0363_WMO_2025H1.csv";
        String key = firstTryStops(stopBeforeEnqueue, filename);
        List<String> left = idsOf(filename);
        assertThat(left).as("the first try's delivery, RECEIVED and not enqueued").hasSize(1);
        assertThat(delivery(left.get(0), "demo-0363").get("status").asText()).isEqualTo("RECEIVED");

        HttpResponse<String> retry = upload(filename, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(json(retry.body()).get("id").asText()).isEqualTo(left.get(0));
        assertThat(awaitFinal(left.get(0), "demo-0363").get("status").asText()).isNotEqualTo("RECEIVED");
        assertThat(idsOf(filename)).as("deliveries of the file in track & trace").containsExactly(left.get(0));
    }

    @Test
    void aNewKeyIsANewDeliveryOfTheSameFile() {
        String filename = "0363_WMO_2024H2.csv";
        String first = json(upload(filename, UUID.randomUUID().toString()).body()).get("id").asText();
        String second = json(upload(filename, UUID.randomUUID().toString()).body()).get("id").asText();

        assertThat(second).isNotEqualTo(first);
        assertThat(idsOf(filename)).containsExactlyInAnyOrder(first, second);
    }

    /** Uploads {@code filename} with a new key, stopped at {@code stop}: no 2xx (the client will retry); the key. */
    private String firstTryStops(StopOnce stop, String filename) {
        stop.arm(filename);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = upload(filename, key);
        assertThat(first.statusCode()).as(first.body()).isGreaterThanOrEqualTo(500);
        return key;
    }

    private HttpResponse<String> upload(String filename, String key) {
        return post("/api/v1/deliveries?filename=" + filename, "demo-0363", "text/csv", CSV, "Idempotency-Key", key);
    }

    private String awaitOneDelivery(String filename) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> idsOf(filename), ids -> ids.size() == 1)
                .get(0);
    }

    /** The ids of gemeente 0363's deliveries of this file name, as its API key lists them. */
    private List<String> idsOf(String filename) {
        JsonNode listed = json(get("/api/v1/deliveries?organisation=0363&size=200", "demo-0363").body());
        List<String> ids = new ArrayList<>();
        listed.get("items").forEach(item -> {
            if (item.get("filename").asText().equals(filename)) {
                ids.add(item.get("id").asText());
            }
        });
        return ids;
    }
}
