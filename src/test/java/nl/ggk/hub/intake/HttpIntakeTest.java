package nl.ggk.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.nio.charset.StandardCharsets;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

@OwnHub("it advises intake to fail")
class HttpIntakeTest extends HubTestSupport {

    private static final byte[] CSV = "20260701;0363;999990007\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptedDeliveryAnswers202WithLocationAndIsTraceable() {
        HttpResponse<String> response = post("/api/v1/deliveries?filename=0363_WMO_2026H1.csv", "demo-0363",
                "text/csv", CSV);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response.body());
        String id = body.get("id").asText();
        assertThat(body.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/deliveries/" + id);

        JsonNode trace = delivery(id, "demo-0363");
        assertThat(trace.get("organisation").asText()).isEqualTo("0363");
        assertThat(trace.get("channel").asText()).isEqualTo("HTTP");
        assertThat(trace.get("filename").asText()).isEqualTo("0363_WMO_2026H1.csv");
        assertThat(trace.get("receivedAt").asText()).isNotBlank();
    }

    @Test
    void fileNameComesFromContentDisposition() {
        HttpResponse<String> response = post("/api/v1/deliveries", "demo-0363", "text/csv", CSV,
                "Content-Disposition", "attachment; filename=\"0363_SBO_2026H1.csv\"");

        assertThat(response.statusCode()).isEqualTo(202);
        String id = json(response.body()).get("id").asText();
        assertThat(delivery(id, "demo-0363").get("filename").asText()).isEqualTo("0363_SBO_2026H1.csv");
    }

    @Test
    void missingOrWrongKeyIs401Problem() {
        HttpResponse<String> none = post("/api/v1/deliveries?filename=a.csv", null, "text/csv", CSV);
        HttpResponse<String> wrong = post("/api/v1/deliveries?filename=a.csv", "not-a-key", "text/csv", CSV);

        for (HttpResponse<String> response : new HttpResponse[] {none, wrong}) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response.body()).get("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void deliveringForAnOrganisationThatIsNotAMemberIs403() {
        HttpResponse<String> forOther = post("/api/v1/deliveries?filename=a.csv", "demo-0363", "text/csv", CSV,
                "X-Organisation", "0599");
        HttpResponse<String> swvForNonMember = post("/api/v1/deliveries?filename=a.csv", "demo-SWV-HR", "text/csv",
                CSV, "X-Organisation", "0363");

        assertThat(forOther.statusCode()).isEqualTo(403);
        assertThat(swvForNonMember.statusCode()).isEqualTo(403);
        assertThat(json(forOther.body()).get("title").asText()).isEqualTo("Geen toegang");
    }

    @Test
    void samenwerkingsverbandDeliversForAMemberAndBothMayRead() {
        HttpResponse<String> response = post("/api/v1/deliveries?filename=0546_WMO_2026H1.csv", "demo-SWV-HR",
                "text/csv", CSV, "X-Organisation", "0546");

        assertThat(response.statusCode()).isEqualTo(202);
        String id = json(response.body()).get("id").asText();
        assertThat(delivery(id, "demo-0546").get("organisation").asText()).isEqualTo("0546");
        assertThat(delivery(id, "demo-SWV-HR").get("sender").asText()).isEqualTo("SWV-HR");
        assertThat(get("/api/v1/deliveries/" + id, "demo-0363").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/deliveries/" + id, "demo-0547").statusCode()).isEqualTo(404);
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] big = new byte[(int) (Long.parseLong(context.resolvePropertyPlaceholders("{{ggk.intake.max-bytes}}")) + 1)];
        HttpResponse<String> response = post("/api/v1/deliveries?filename=big.zip", "demo-0363", "application/zip",
                big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        HttpResponse<String> response = post("/api/v1/deliveries?filename=a.json", "demo-0363", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Soort inhoud niet ondersteund");
    }

    @Test
    void listShowsOnlyWhatTheCallerMayRead() {
        post("/api/v1/deliveries?filename=0599_WMO_2026H1.csv", "demo-0599", "text/csv", CSV);

        JsonNode mine = json(get("/api/v1/deliveries?organisation=0599", "demo-0599").body());
        assertThat(mine.get("items")).isNotEmpty();
        mine.get("items").forEach(item -> assertThat(item.get("organisation").asText()).isEqualTo("0599"));
        assertThat(get("/api/v1/deliveries?organisation=0599", "demo-0363").statusCode()).isEqualTo(403);
    }

    @Test
    void noAcceptanceWhenTheBrokerCannotTakeTheMessage() throws Exception {
        // the receipt (JSON, in the variable the enqueue step sends) of one of the two deliveries meets a broker that
        // refuses it at the enqueue step
        AdviceWith.adviceWith(context, "intake-receipt", route -> route.weaveById("intake-enqueue-send").before()
                .filter(org.apache.camel.builder.Builder.simple(
                        "${variable.receiptJson} contains '0363_WMO_2026H2.csv'"))
                .throwException(new jakarta.jms.JMSException("broker unavailable (simulated)")).end());

        HttpResponse<String> refused = post("/api/v1/deliveries?filename=0363_WMO_2026H2.csv", "demo-0363",
                "text/csv", CSV);
        HttpResponse<String> accepted = post("/api/v1/deliveries?filename=0363_WMO_2026H1.csv", "demo-0363",
                "text/csv", CSV);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).doesNotContain("RECEIVED");
        assertThat(json(refused.body()).get("detail").asText()).contains("er is niets aangenomen");
        assertThat(accepted.statusCode()).isEqualTo(202);
        // and track & trace says so too: no delivery of the refused file stays RECEIVED beside the client's retry
        JsonNode listed = json(get("/api/v1/deliveries?organisation=0363&size=200", "demo-0363").body());
        List<String> names = new java.util.ArrayList<>();
        listed.get("items").forEach(item -> names.add(item.get("filename").asText()));
        assertThat(names).contains("0363_WMO_2026H1.csv").doesNotContain("0363_WMO_2026H2.csv");
    }

    /**
     * A JMS message whose receipt cannot reach ggk.intake is rolled back and delivered again by the broker: the
     * delivery stored for the first attempt is withdrawn, so track &amp; trace shows the one delivery the retry made,
     * not a second one left RECEIVED for ever.
     */
    @Test
    void aJmsMessageWhoseReceiptCannotBeEnqueuedIsOneDeliveryAfterTheBrokersRedelivery() throws Exception {
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
        AdviceWith.adviceWith(context, "intake-receipt", route -> route.weaveById("intake-enqueue-send").before()
                .filter(exchange -> String.valueOf(exchange.getVariable("receiptJson", String.class)).contains("jms-eenmaal.xml")
                        && refusals.getAndIncrement() == 0)
                .throwException(new jakarta.jms.JMSException("broker unavailable (simulated)")).end());

        try (jakarta.jms.Connection connection = new org.apache.activemq.ActiveMQConnectionFactory("0384",
                "demo-0384", brokerTcpUrl).createConnection()) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.BytesMessage message = session.createBytesMessage();
            message.writeBytes(nl.ggk.hub.testsupport.Zips.istandaardenSamples().get("WMO301.xml"));
            message.setStringProperty("GgkFilename", "jms-eenmaal.xml");
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> statusesOf("jms-eenmaal.xml").stream().anyMatch(status -> !status.equals("RECEIVED")));
        assertThat(refusals.get()).as("the first attempt was refused at the enqueue").isGreaterThanOrEqualTo(2);
        assertThat(statusesOf("jms-eenmaal.xml")).as("deliveries of the message in track & trace").hasSize(1);
    }

    /** The statuses of gemeente 0384's deliveries of this file name, as its API key lists them. */
    private List<String> statusesOf(String filename) {
        JsonNode listed = json(get("/api/v1/deliveries?organisation=0384&size=200", "demo-0384").body());
        List<String> statuses = new java.util.ArrayList<>();
        listed.get("items").forEach(item -> {
            if (item.get("filename").asText().equals(filename)) {
                statuses.add(item.get("status").asText());
            }
        });
        return statuses;
    }

    @Test
    void openApiDocumentDescribesTheTrackAndTraceApi() {
        HttpResponse<String> response = get("/api/v1/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response.body()).get("paths");
        assertThat(paths).as(response.body()).isNotNull();
        List<String> names = new java.util.ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertThat(names).anyMatch(p -> p.endsWith("/deliveries/{id}")).anyMatch(p -> p.endsWith("/deliveries"));
        assertThat(response.body()).contains("organisation").contains("since");
    }
}
