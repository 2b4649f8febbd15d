package nl.ggk.hub.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import nl.ggk.hub.mirror.MirrorExamples;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Trend page (instant mirror) in headless Chromium: Leiden (0546) delivered the example pair of half years (moved
 * to 2020H2 and 2021H1, its own in the shared hub); the samenwerkingsverband Holland Rijnland sees Leiden's and
 * Leiderdorp's trend, each a chart and a table, and the page passes axe-core. The screenshot is docs/portal-trend.png.
 */
class TrendPageBrowserTest extends HubTestSupport {

    private Browser browser;

    @BeforeAll
    void startBrowser() throws IOException {
        String missing = Browser.missing();
        assumeTrue(missing == null, "portal browser tests skipped: " + missing);
        browser = new Browser(httpPort);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theSamenwerkingsverbandSeesEachMembersTrendAsAChartAndATable() throws Exception {
        for (String[] file : List.of(new String[] {"0384_WMO_2025H2.csv", "0546_WMO_2020H2.csv"},
                new String[] {"0384_WMO_2026H1.csv", "0546_WMO_2021H1.csv"})) {
            String id = deliver(file[1], "demo-0546", "text/csv", MirrorExamples.moved(file[0], "0546", 5));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> delivery(id, "demo-0546").get("vergelijking"), v -> v != null && !v.isNull());
        }

        browser.logIn("swvhr.aanlever");
        browser.open("#/cbs/trend");
        browser.awaitText(By.cssSelector("main"), "Leiden (0546)");
        browser.awaitText(By.cssSelector("main"), "2021H1");
        List<WebElement> sections = browser.driver.findElements(By.cssSelector("section.ggk-trend"));
        assertThat(sections).extracting(s -> s.findElement(By.tagName("h2")).getText())
                .containsExactly("Leiden (0546)", "Leiderdorp (0547)");
        WebElement leiden = sections.get(0);
        WebElement chart = leiden.findElement(By.cssSelector("svg[role=img]"));
        assertThat(chart.getDomAttribute("aria-label")).contains("2020H2 122").contains("2021H1 81");
        assertThat(leiden.findElements(By.cssSelector("svg rect"))).hasSizeGreaterThanOrEqualTo(2);
        String tables = leiden.findElements(By.tagName("table")).stream().map(WebElement::getText).toList().toString();
        assertThat(tables).contains("2020H2").contains("2021H1").contains("Persoonlijke verzorging")
                .contains("Cliënten");
        assertThat(browser.text(By.cssSelector("main"))).doesNotContain("99990");

        Path shot = browser.screenshot("20-trend");
        Files.copy(shot, Path.of("target", "portal-trend.png"), StandardCopyOption.REPLACE_EXISTING);
        browser.assertAccessible("Trend");

        // the delivery's detail names the signals
        JsonNode list = json(get("/api/v1/deliveries?organisation=0546&filename=0546_WMO_2021H1&size=5",
                "demo-0546").body());
        browser.open("#/cbs/leveringen/" + list.get("items").get(0).get("id").asText());
        browser.awaitText(By.cssSelector("main"), "Vergelijking met uw eerdere aanleveringen");
        assertThat(browser.text(By.cssSelector(".ggk-vergelijking")))
                .contains("Productcategorie 03 Persoonlijke verzorging: 26 cliënten in 2020H2, 0 nu.");
        browser.assertAccessible("Levering met vergelijking");
    }
}
