package nl.ggk.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.testsupport.ForkedHub;
import nl.ggk.hub.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A hub started beside an edited {@code config/} uses it, without a rebuild; the packaged copy fills the gaps. */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.Order(6)
class ConfigDirectoryTest {

    @TempDir
    Path workDir;

    @Test
    void editedOrganisationsAndPropertiesInConfigBesideTheHubAreUsedAtStart() throws Exception {
        Path config = Files.createDirectories(workDir.resolve("config"));
        String packaged;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("organisations.yaml")) {
            packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // a new gemeente with a production key, written the way the README tells an operator to
        String edited = packaged.replace("gemeenten:\n", "gemeenten:\n  - code: \"0999\"\n    name: \"Proefdorp\"\n")
                .replace("apiKeys:\n", "apiKeys:\n  - organisation: \"0999\"\n    sha256: "
                        + OrganisationRegistry.sha256Hex("proef-0999-sleutel") + "\n    demo: false\n");
        Files.writeString(config.resolve("organisations.yaml"), edited);
        // only one key: every other setting comes from the packaged application.properties
        Files.writeString(config.resolve("application.properties"), "ggk.intake.max-bytes = 2048\n");

        try (ForkedHub hub = ForkedHub.start(workDir, Map.of(), Map.of()).awaitHealthy()) {
            assertThat(workDir.resolve("data/inbox/0999")).isDirectory();
            assertThat(workDir.resolve("data/inbox/0384")).isDirectory();
            assertThat(workDir.resolve("data/inbox/SWV-HR")).isDirectory();

            HttpResponse<String> small = post(hub, "kort.xml", new byte[100]);
            HttpResponse<String> large = post(hub, "lang.xml", new byte[4096]);

            assertThat(small.statusCode()).as(small.body()).isEqualTo(202);
            assertThat(large.statusCode()).as(large.body()).isEqualTo(413);
            assertThat(hub.log()).contains("Configuration folder " + config.toRealPath() + ": application.properties,"
                    + " organisations.yaml from there win over the packaged copy");
            hub.stop();
        }
    }

    private static HttpResponse<String> post(ForkedHub hub, String filename, byte[] body) throws IOException {
        return Http.send(HttpRequest.newBuilder(hub.api("/api/v1/deliveries?filename=" + filename))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer proef-0999-sleutel").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
