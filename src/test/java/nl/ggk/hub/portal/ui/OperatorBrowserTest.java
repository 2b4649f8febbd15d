package nl.ggk.hub.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.Zips;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The operator's tab in headless Chromium: an operator (ggk.beherder, role ggk-beheerder) sees the flow with its
 * figures, finds the dead letter of an iWmo message whose channel was down, reads why it failed, replays it, and the
 * message then reaches its channel exactly once; the Keten and Leveringen pages pass axe-core too. A municipal user
 * has no such tab and the operator's API refuses it.
 */
@OwnHub("it makes the iWmo channel fail (weaveById outbound-send) while the test says so")
// a hub of its own and a browser: it runs beside the other classes, its tests one after the other (a lock of its own keeps them on one thread)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock("OperatorBrowserTest")
@org.junit.jupiter.api.Order(11)
class OperatorBrowserTest extends HubTestSupport {

    private final AtomicBoolean channelDown = new AtomicBoolean();
    private Browser browser;

    @BeforeAll
    void startBrowserAndBreakTheChannel() throws Exception {
        String missing = Browser.missing();
        assumeTrue(missing == null, "operator browser test skipped: " + missing);
        AdviceWith.adviceWith(context, "outbound-iwmo", route -> route.weaveById("outbound-send").before()
                .process(exchange -> {
                    if (channelDown.get()) {
                        throw new IOException("outbound share not mounted (simulated)");
                    }
                }));
        browser = new Browser(httpPort);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorFindsADeadLetterReadsWhyReplaysItAndTheMessageReachesItsChannelExactlyOnce() throws IOException {
        channelDown.set(true);
        String id = deliver("WMO301.xml", "demo-0384", "application/xml", Zips.istandaardenSamples().get("WMO301.xml"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> delivery(id, "demo-0384").get("status").asText(), "FAILED"::equals);
        channelDown.set(false);

        browser.logIn("ggk.beheerder");
        assertThat(browser.text(By.id("tabs"))).contains("Hubbeheer").doesNotContain("CBS");
        browser.open("#/beheerder/stroom");
        // the figures are taken every few seconds: the dead letter shows on the flow's queue table
        browser.awaitText(By.cssSelector("tr[data-wachtrij='ggk.outbound.iwmo']"), "ggk.outbound.iwmo");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> browser.text(
                By.cssSelector("tr[data-wachtrij='ggk.outbound.iwmo'] td:nth-child(4)")), t -> !t.equals("0"));
        browser.screenshot("beheer-stroom");
        browser.assertAccessible("Stroom");

        browser.open("#/beheerder/dode-berichten");
        browser.await(By.cssSelector("tr[data-wachtrij='ggk.outbound.iwmo'] a")).click();
        browser.awaitText(By.cssSelector("main"), id);
        browser.screenshot("beheer-dode-berichten");
        browser.assertAccessible("Dode berichten van een wachtrij");
        browser.driver.findElements(By.cssSelector("tr[data-bericht]")).stream()
                .filter(row -> row.getText().contains(id)).findFirst().orElseThrow()
                .findElement(By.tagName("a")).click();

        browser.awaitText(By.cssSelector("main"), "Waarom het misging");
        assertThat(browser.text(By.cssSelector(".ggk-reason"))).contains("outbound share not mounted (simulated)");
        assertThat(browser.text(By.cssSelector("main"))).contains("Levering " + id).contains("WMO301.xml");
        browser.screenshot("beheer-dood-bericht");
        browser.assertAccessible("Dood bericht");

        browser.driver.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().startsWith("Opnieuw aanbieden")).findFirst().orElseThrow().click();
        browser.awaitText(By.cssSelector("main [role=status]"), "1 bericht opnieuw aangeboden aan ggk.outbound.iwmo");

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> delivery(id, "demo-0384"), t -> "FORWARDED".equals(t.get("status").asText()));
        assertThat(trace.get("entries").get(0).get("events").findValuesAsText("status")).contains("FAILED", "REPLAYED",
                "FORWARDED");
        assertThat(trace.get("entries").get(0).get("events").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("opnieuw aangeboden aan ggk.outbound.iwmo door beheerder ggk.beheerder"));
        // exactly once: one file of this delivery in the channel's folder, and nothing left in the DLQ
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> filesOf(id).size() == 1);
        JsonNode dlq = json(operatorGet("/api/v1/operator/dlq/ggk.outbound.iwmo"));
        assertThat(dlq.findValuesAsText("levering")).doesNotContain(id);

        // the operator follows the delivery, and the log says who did what
        browser.open("#/beheerder/leveringen/" + id);
        browser.awaitText(By.id("levering-status"), "doorgestuurd");
        browser.screenshot("beheer-levering");
        browser.assertAccessible("Levering (beheer)");
        browser.open("#/beheerder/dode-berichten");
        browser.awaitText(By.cssSelector("main"), "opnieuw aangeboden");
        browser.assertAccessible("Dode berichten");
    }

    @Test
    void theChainAndTheSearchPagesShowTheirFigures() {
        browser.logIn("ggk.beheerder");
        browser.open("#/beheerder/keten");
        browser.awaitText(By.cssSelector("main"), "Laatste antwoord");
        browser.screenshot("beheer-keten");
        browser.assertAccessible("Keten");
        browser.open("#/beheerder/leveringen");
        browser.awaitText(By.cssSelector("main"), "leveringen");
        browser.screenshot("beheer-leveringen");
        browser.assertAccessible("Leveringen (beheer)");
    }

    @Test
    void aMunicipalUserHasNoOperatorTabAndTheOperatorApiRefusesIt() {
        browser.logIn("0363.aanlever");
        assertThat(browser.text(By.id("tabs"))).doesNotContain("Hubbeheer");
        assertThat(get("/api/v1/operator/dlq", "demo-0363").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/operator/dlq", null).statusCode()).isEqualTo(401);
    }

    private List<Path> filesOf(String deliveryId) throws IOException {
        Path folder = data("outbound/iwmo");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(deliveryId)).toList();
        }
    }

    /** A GET as the logged-in operator (the browser's session cookie). */
    private String operatorGet(String path) {
        return String.valueOf(browser.asyncScript("const r = await fetch(arguments[0]); return await r.text();", path));
    }
}
