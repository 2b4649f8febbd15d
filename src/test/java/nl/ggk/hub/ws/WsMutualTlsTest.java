package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.tls.TestPki;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Two-way TLS on /ws/ggk0210 as a Digikoppeling user meets it: HTTPS with the hub's certificate, the caller known by
 * the OIN in its client certificate's subject serialNumber (organisations.yaml {@code oin}), bearer keys off
 * ({@code ggk.tls.client-auth.ws=required}). The CA, the server and client certificates are made at run time.
 */
class WsMutualTlsTest extends HubTestSupport {

    private static final String OIN_0363 = "00000001000000363000";
    private static final String OIN_0518 = "00000001000000518000";
    private static final Pki PKI = new Pki();

    /** One CA and its stores per JVM, so that every hub of this profile is the same settings. */
    private static final class Pki {
        final TestPki ca = new TestPki("GGK test CA");
        final Path keystore;
        final Path truststore;

        Pki() {
            try {
                Path dir = Files.createTempDirectory("ggk-tls-");
                keystore = TestPki.keystore(dir.resolve("hub.p12"), ca.server());
                truststore = ca.truststore(dir.resolve("clients-ca.p12"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        overrides.setProperty("ggk.tls.enabled", "true");
        overrides.setProperty("ggk.tls.keystore", PKI.keystore.toString());
        overrides.setProperty("ggk.tls.keystore-password", new String(TestPki.PASSWORD));
        overrides.setProperty("ggk.tls.truststore", PKI.truststore.toString());
        overrides.setProperty("ggk.tls.truststore-password", new String(TestPki.PASSWORD));
        overrides.setProperty("ggk.tls.client-auth.ws", "required");
        return overrides;
    }

    @Test
    void aClientCertificateOf0363IsAcceptedAs0363WithoutAKey() throws Exception {
        String filename = "mtls-" + UUID.randomUUID() + ".csv";
        HttpResponse<String> response = soap(PKI.ca.client("Gemeente Amsterdam", OIN_0363), null, di01("0363", filename));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(WebServiceTest.bodyMessage(response.body()).getLocalName()).isEqualTo("Bv03Bericht");
        JsonNode delivery = await().atMost(Duration.ofSeconds(30)).until(() -> deliveryOf("0363", filename),
                found -> found != null);
        assertThat(delivery.get("channel").asText()).isEqualTo("WS");
        assertThat(delivery.get("sender").asText()).isEqualTo("0363");
    }

    @Test
    void aClientOfAnotherOrganisationCannotPoseAs0363NotEvenWith0363sKey() throws Exception {
        TestPki.Issued denHaag = PKI.ca.client("Gemeente Den Haag", OIN_0518);
        String filename = "mtls-" + UUID.randomUUID() + ".csv";

        HttpResponse<String> asZender = soap(denHaag, null, di01("0363", filename));
        HttpResponse<String> withKey = soap(denHaag, "demo-0363", di01("0363", filename));

        for (HttpResponse<String> refused : new HttpResponse[] {asZender, withKey}) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
            Element fo03 = WebServiceTest.faultDetail(refused.body());
            assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("IB006");
            WebServiceTest.assertValidStuf(fo03);
        }
        assertThat(deliveryOf("0363", filename)).isNull();
    }

    @Test
    void withoutACertificateABearerKeyIsNotEnoughAndTheAnswerSaysWhatIsMissing() throws Exception {
        HttpResponse<String> response = soap(null, "demo-0363", di01("0363", "mtls-" + UUID.randomUUID() + ".csv"));

        assertThat(response.statusCode()).isEqualTo(401);
        Element fo03 = WebServiceTest.faultDetail(response.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("IB002");
        assertThat(WebServiceTest.text(fo03, "omschrijving")).contains("clientcertificaat", "tweezijdig TLS");
    }

    @Test
    void aTrustedCertificateWhoseOinTheRegistryDoesNotKnowIsRefused() throws Exception {
        HttpResponse<String> response = soap(PKI.ca.client("Onbekend", "00000001999999999000"), null,
                di01("0363", "mtls-" + UUID.randomUUID() + ".csv"));

        assertThat(response.statusCode()).isEqualTo(403);
        Element fo03 = WebServiceTest.faultDetail(response.body());
        assertThat(WebServiceTest.text(fo03, "code")).isEqualTo("IB002");
        assertThat(WebServiceTest.text(fo03, "omschrijving")).contains("OIN");
    }

    @Test
    void aSelfSignedOrExpiredCertificateEndsTheHandshake() throws Exception {
        TestPki.Issued selfSigned = TestPki.selfSigned("Gemeente Amsterdam", OIN_0363);
        TestPki.Issued expired = PKI.ca.client("Gemeente Amsterdam", OIN_0363,
                Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)));
        String filename = "mtls-" + UUID.randomUUID() + ".csv";

        assertThatThrownBy(() -> soap(selfSigned, null, di01("0363", filename))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> soap(expired, null, di01("0363", filename))).isInstanceOf(IOException.class);
        // the hub goes on serving the clients it trusts
        assertThat(soap(null, null, di01("0363", filename)).statusCode()).isEqualTo(401);
        assertThat(deliveryOf("0363", filename)).isNull();
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static String di01(String zender, String filename) throws IOException {
        return WebServiceTest.soap(WebServiceTest.sample(WebServiceTest.TEKST)
                .replace("<StUF:organisatie>0548</StUF:organisatie>", "<StUF:organisatie>" + zender + "</StUF:organisatie>")
                .replace("9c0f7b90-5c69-41e5-a837-0800200c9a66", UUID.randomUUID().toString())
                .replace("bestandsnaam=\"AanleveringQ1.csv\"", "bestandsnaam=\"" + filename + "\""));
    }

    /** POSTs a SOAP request over HTTPS presenting {@code certificate} (none if null), with a bearer key if given. */
    private HttpResponse<String> soap(TestPki.Issued certificate, String key, String soap) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/ws/ggk0210"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + WebServiceTest.DI01_ACTION + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(soap, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client(certificate).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The delivery of {@code filename} as its organisation's track &amp; trace lists it (over HTTPS), or null. */
    private JsonNode deliveryOf(String org, String filename) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort
                        + "/api/v1/deliveries?organisation=" + org + "&size=200"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer demo-" + org).GET().build();
        HttpResponse<String> response = client(null).send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode item : json(response.body()).get("items")) {
            if (item.get("filename").asText().equals(filename)) {
                return item;
            }
        }
        return null;
    }

    private static HttpClient client(TestPki.Issued certificate) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .sslContext(PKI.ca.clientContext(certificate)).build();
    }
}
