package nl.ggk.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The management port (/observe/health, /observe/metrics) shows no server path: once deliveries have gone through
 * the folder and HTTP doors (so the file endpoints of inbox, outbox, quarantine and outbound have consumers, checks
 * and metrics), neither the data root nor any directory above it appears; endpoints are named relative to the data
 * root.
 */
class ManagementPortPathsTest extends HubTestSupport {

    private static final String VALID = "20260715;0384;999990007;01;1;20260101;20261231;1;20260115;;5;04;2;12345;";

    @Test
    void healthAndMetricsNameEndpointsRelativeToTheDataRootAndShowNoServerPath() throws Exception {
        String byHttp = deliver("0384_WMO_2026H1.csv", "demo-0384", "text/csv", Files.readAllBytes(
                Path.of("docs/examples/0384_WMO_2026H1.csv")));
        String refused = deliver("0384_wmo_2026H1.csv", "demo-0384", "text/csv",
                VALID.getBytes(StandardCharsets.UTF_8));
        Path inbox = Files.createDirectories(data("inbox/0363"));
        Files.writeString(inbox.resolve("0363_JEUGD_2026H1.csv"), "kapot;bestand\n");
        Files.writeString(inbox.resolve("los.bin"), "geen bekend soort bestand");
        Files.writeString(data("inbox").resolve("los-in-inbox.xml"), "<x/>");
        awaitFinal(byHttp, "demo-0384");
        awaitFinal(refused, "demo-0384");
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveryIdOf("0363", "0363_JEUGD_2026H1.csv") != null);
        awaitFinal(deliveryIdOf("0363", "0363_JEUGD_2026H1.csv"), "demo-0363");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data("quarantine")));

        // the route figures of the deliveries above (the file endpoints themselves have no meters since the exchange
        // event notifier is off: camel.metrics.enable-exchange-event-notifier, issue 20)
        String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> managementGet("/observe/metrics"),
                m -> m.contains("routeId=\"outbox\""));
        String health = managementGet("/observe/health");
        String details = managementGet("/observe/health?data=true");

        // the other consoles Camel's management server can offer (off here; they would show user.dir and more)
        String info = managementGet("/observe/info");
        String dev = managementGet("/observe/dev");

        for (String page : List.of(metrics, health, details, info, dev)) {
            // as written, with JSON's escaped slashes undone, and URL-decoded
            for (String form : List.of(page, page.replace("\\/", "/"), urlDecoded(page.replace("\\/", "/")))) {
                for (String path : serverPaths()) {
                    assertThat(form).as("management page mentions %s", path).doesNotContain(path);
                }
            }
        }
        // where an endpoint is named in the metrics at all, it is relative to the data root (PathMaskingNamingStrategy)
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("endpointName=\"(file:[^\"]*)\"").matcher(metrics);
        while (named.find()) {
            assertThat(named.group(1)).as("a file endpoint's name").doesNotStartWith("file:/");
        }
        // the inbox is consumed under master:ggk-leader (issue 16): camel-master's consumer reports no endpoint.uri,
        // so the file consumer's relative name is no longer in the details; its check is
        assertThat(details).contains("\"check.id\":\"consumer:intake-folder\"");
    }

    private static String urlDecoded(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B").replaceAll("%(?![0-9A-Fa-f]{2})", "%25"),
                StandardCharsets.UTF_8);
    }

    /** The data root, every directory above it but the file system's root, and the JVM's temporary directory. */
    private List<String> serverPaths() {
        List<String> paths = new java.util.ArrayList<>();
        for (Path p = dataDir.toAbsolutePath(); p != null && p.getNameCount() > 0; p = p.getParent()) {
            paths.add(p.toString());
        }
        paths.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString());
        return paths;
    }
}
