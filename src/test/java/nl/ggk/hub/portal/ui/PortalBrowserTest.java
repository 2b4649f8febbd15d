package nl.ggk.hub.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal end to end in headless Chromium against one hub for the whole class, as the demo users of README use
 * it. Each step leaves a screenshot under target/portal-screenshots/ and runs axe-core on the page. The steps build on
 * each other (the 0363 delivery, then its report), hence the order.
 */
@OwnHub("it drives a browser beside the other classes, so its hub must not be one that another class stops")
@Execution(ExecutionMode.CONCURRENT)
// the class beside the others, its tests one after the other (a lock of its own keeps them on one thread)
@ResourceLock("PortalBrowserTest")
@org.junit.jupiter.api.Order(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest extends HubTestSupport {

    private static final Duration CHAIN = Duration.ofSeconds(90);
    private Browser browser;
    private Path work;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties overrides = super.useOverridePropertiesWithPropertiesComponent();
        // the CBS simulator answers quickly, so that the chain completes within the test
        overrides.setProperty("ggk.cbs.simulator.feedback-delay-ms", "300");
        overrides.setProperty("ggk.cbs.simulator.spiegelrapport-delay-ms", "300");
        return overrides;
    }

    @BeforeAll
    void startBrowser() throws IOException {
        String missing = Browser.missing();
        assumeTrue(missing == null, "portal browser tests skipped: " + missing);
        browser = new Browser(httpPort);
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "portal-files-");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theLoginPageGivesOneMessageForAWrongPasswordAndAnUnknownUserTiedToTheFields() {
        browser.driver.manage().deleteAllCookies();
        browser.open("#/inloggen");
        browser.await(By.id("gebruikersnaam"));
        browser.screenshot("01-inloggen");
        browser.assertAccessible("Inloggen");

        String wrongPassword = failedLogin("0363.aanlever", "niet-het-wachtwoord");
        String unknownUser = failedLogin("0363.onbekend", "Welkom-demo-2026");
        assertThat(wrongPassword).isEqualTo("Gebruikersnaam of wachtwoord is onjuist.").isEqualTo(unknownUser);
        WebElement password = browser.driver.findElement(By.id("wachtwoord"));
        assertThat(password.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(password.getDomAttribute("aria-describedby")).contains("wachtwoord-fout");
        assertThat(browser.text(By.id("wachtwoord-fout"))).isEqualTo(wrongPassword);
        browser.screenshot("02-inloggen-fout");
        browser.assertAccessible("Inloggen met een fout");
    }

    @Test
    @Order(2)
    void aKeyboardUserReachesTheSkipLinkFirstAndItMovesFocusToTheContent() {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/leveringen");
        browser.await(By.cssSelector("main h1"));
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = browser.driver.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Direct naar de inhoud");
        assertThat(first.getCssValue("outline-style")).isEqualTo("solid");
        first.sendKeys(Keys.ENTER);
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("inhoud");
    }

    @Test
    @Order(3)
    void a0363UserUploadsAZipWithAWmoFileAndSeesTheHubsVerdictAndThePhaseReachTerugkoppelingCbsOntvangen()
            throws IOException {
        browser.logIn("0363.aanlever");
        assertThat(browser.text(By.id("tabs"))).contains("CBS", "Berichtenverkeer").doesNotContain("Beheer");
        browser.open("#/cbs/aanleveren");
        browser.await(By.id("cbs-bestanden"));
        browser.screenshot("03-aanleveren");
        browser.assertAccessible("Aanleveren");

        Path zip = zipOf("0363_gmsd_2026H1.zip", "0363_WMO_2026H1.csv", example("WMO", "0363"));
        browser.driver.findElement(By.id("cbs-bestanden")).sendKeys(zip.toString());
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.id("cbs-voortgang-tekst"), "100 %");
        browser.awaitText(By.id("cbs-resultaat"), "Goedgekeurd door de hub", CHAIN);
        browser.awaitText(By.id("cbs-resultaat"), "Download technische terugkoppeling van de hub", CHAIN);
        assertThat(browser.text(By.id("cbs-resultaat"))).contains("0363_gmsd_2026H1.zip", "1 bestand")
                .contains("0363_WMO_2026H1.csv: goedgekeurd: 3 records, 0 fouten");
        browser.screenshot("04-aanleveren-uitslag");
        browser.assertAccessible("Aanleveren met uitslag");

        browser.driver.findElement(By.linkText("Volg deze levering")).click();
        browser.awaitText(By.cssSelector("main"), "Verloop");
        browser.awaitText(By.cssSelector("main"), "Terugkoppeling CBS ontvangen", CHAIN);
        assertThat(browser.driver.findElement(By.cssSelector(".ggk-phases li[aria-current=step]")).getText())
                .isEqualTo("Terugkoppeling CBS ontvangen");
        browser.screenshot("06-levering-detail");
        browser.assertAccessible("Levering (detail)");

        browser.open("#/cbs/leveringen");
        browser.awaitText(By.cssSelector("main table"), "Terugkoppeling CBS ontvangen", CHAIN);
        browser.screenshot("05-leveringen");
        browser.assertAccessible("Leveringen");
    }

    @Test
    @Order(4)
    void the0363UserDownloadsTheReportZipAndItHoldsAPdfAndTheDownloadIsShown() throws IOException {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/rapporten");
        browser.awaitText(By.cssSelector("main"), "Technische terugkoppeling van CBS", CHAIN);
        WebElement row = browser.driver.findElement(By.xpath(
                "//tr[td[1][normalize-space()='Technische terugkoppeling van CBS']][1]"));
        String fileName = row.findElement(By.xpath("td[2]")).getText();
        row.findElement(By.xpath(".//a[@download]")).click();
        Path downloaded = awaitDownload(fileName);
        assertThat(zipEntryNames(downloaded)).anySatisfy(name -> assertThat(name).endsWithIgnoringCase(".pdf"));
        By downloadedBy = By.xpath("//tr[td[2][normalize-space()='" + fileName + "']]/td[4]");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !browser.text(downloadedBy).contains("nog niet gedownload"));
        assertThat(browser.text(downloadedBy)).contains("0363");
        browser.screenshot("07-rapporten");
        browser.assertAccessible("Rapporten");
    }

    @Test
    @Order(5)
    void the0363UserSendsAnOptInAndGetsAConfirmationWithTheReferentienummer() {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/optin");
        browser.await(By.id("optin-WMO_BASIS-J"));
        browser.screenshot("08-optin");
        browser.assertAccessible("Opt-in");
        browser.driver.findElement(By.id("optin-WMO_FACULTATIEF-N")).click();
        browser.driver.findElement(By.xpath("//button[normalize-space()='Keuze versturen']")).click();
        browser.awaitText(By.cssSelector("main"), "Uw keuze is verstuurd");
        browser.await(By.id("optin-huidig"));
        assertThat(browser.text(By.id("optin-huidig"))).contains("Wmo facultatieve set\nnee", "Wmo basisset\nja");
        browser.awaitText(By.id("optin-referentienummer"), "-", CHAIN);
        await().atMost(CHAIN).until(() -> browser.text(By.id("optin-referentienummer"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
        browser.screenshot("09-optin-bevestiging");
        browser.assertAccessible("Opt-in met bevestiging");
    }

    @Test
    @Order(6)
    void aSamenwerkingsverbandUserDeliversFor0546AndDownloadsItsReport() throws IOException {
        browser.logIn("swvhr.aanlever");
        browser.open("#/cbs/aanleveren");
        new Select(browser.await(By.id("cbs-gemeente"))).selectByValue("0546");
        Path csv = work.resolve("0546_WMO_2026H1.csv");
        Files.write(csv, example("WMO", "0546"));
        browser.driver.findElement(By.id("cbs-bestanden")).sendKeys(csv.toString());
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.id("cbs-resultaat"), "Goedgekeurd door de hub", CHAIN);
        browser.screenshot("10-aanleveren-samenwerkingsverband");

        browser.open("#/cbs/rapporten");
        browser.awaitText(By.cssSelector("main"), "0546_WMO_2026H1", CHAIN);
        WebElement row = browser.driver.findElement(By.xpath(
                "//tr[td[2][contains(., '0546_WMO_2026H1')]][1]"));
        String fileName = row.findElement(By.xpath("td[2]")).getText();
        row.findElement(By.xpath(".//a[@download]")).click();
        assertThat(zipEntryNames(awaitDownload(fileName))).anySatisfy(n -> assertThat(n).endsWithIgnoringCase(".pdf"));
    }

    @Test
    @Order(7)
    void aMember0546SeesBothEventsInItsFeedWhileA0547UserSeesNeither() {
        browser.logIn("0546.lezer");
        assertThat(browser.text(By.id("tabs"))).contains("CBS").doesNotContain("Berichtenverkeer", "Beheer");
        browser.open("#/cbs/activiteit");
        browser.await(By.cssSelector("main h1"));
        browser.awaitText(By.cssSelector("main"), "aangeleverd", CHAIN);
        browser.awaitText(By.cssSelector("main"), "gedownload", CHAIN);
        String feed = browser.text(By.cssSelector(".ggk-feed"));
        assertThat(feed).contains("0546_WMO_2026H1.csv", "Holland Rijnland");
        browser.screenshot("11-activiteit");
        browser.assertAccessible("Activiteit");
        assertThat(browser.present(By.linkText("Aanleveren"))).as("a cbs-lezer has no Aanleveren").isFalse();

        browser.logIn("0547.lezer");
        browser.open("#/cbs/activiteit");
        browser.awaitText(By.cssSelector("main"), "Nog geen activiteit");
        assertThat(browser.text(By.cssSelector("main"))).doesNotContain("0546", "Leiden");
    }

    @Test
    @Order(8)
    void aGebruikersbeheerderCreatesACbsLezerWhoThenCannotUpload() {
        browser.logIn("0363.beheer");
        assertThat(browser.text(By.id("tabs"))).contains("Beheer").doesNotContain("CBS");
        browser.open("#/beheer");
        browser.await(By.id("nieuw-gebruikersnaam"));
        browser.screenshot("12-beheer");
        browser.assertAccessible("Beheer");
        browser.driver.findElement(By.id("nieuw-gebruikersnaam")).sendKeys("0363.lezer.test");
        browser.driver.findElement(By.id("nieuw-naam")).sendKeys("Lotte Lezer");
        // cbs-lezer is ticked by default; the password is left short first
        browser.driver.findElement(By.id("nieuw-wachtwoord")).sendKeys("kort");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Gebruiker aanmaken']")).click();
        assertThat(browser.text(By.id("nieuw-wachtwoord-fout"))).contains("12 tekens");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("nieuw-wachtwoord");
        browser.assertAccessible("Beheer met een fout");
        WebElement password = browser.driver.findElement(By.id("nieuw-wachtwoord"));
        password.clear();
        password.sendKeys(Browser.PASSWORD);
        browser.driver.findElement(By.xpath("//button[normalize-space()='Gebruiker aanmaken']")).click();
        browser.awaitText(By.cssSelector("main table"), "0363.lezer.test");
        browser.screenshot("13-beheer-aangemaakt");

        browser.logIn("0363.lezer.test");
        browser.open("#/cbs/leveringen");
        browser.await(By.cssSelector("main table"));
        assertThat(browser.present(By.linkText("Aanleveren"))).isFalse();
        browser.open("#/cbs/aanleveren");
        browser.awaitText(By.cssSelector("main h1"), "Leveringen");
        assertThat(browser.present(By.id("cbs-bestanden"))).as("no upload control for a cbs-lezer").isFalse();
        Object status = browser.asyncScript(
                "const me = await (await fetch('/api/v1/session')).json();"
                        + "const form = new FormData();"
                        + "form.append('file', new Blob(['x'], {type: 'text/csv'}), '0363_WMO_2026H2.csv');"
                        + "const r = await fetch('/api/v1/deliveries', {method: 'POST', body: form,"
                        + " headers: {'X-CSRF-Token': me.csrfToken}});"
                        + "return r.status;");
        assertThat(((Number) status).intValue()).as("the API refuses the cbs-lezer's upload").isEqualTo(403);
    }

    @Test
    @Order(9)
    void berichtenverkeerSaysWhenNothingArrivedAndOtherwiseDownloadsOneZip() throws IOException {
        browser.logIn("0363.aanlever");
        browser.open("#/berichtenverkeer");
        browser.await(By.id("bv-bestanden"));
        browser.driver.findElement(By.id("berichten-download")).click();
        browser.awaitText(By.id("berichten-download-resultaat"), "Er zijn geen berichten");

        // an XML message the hub cannot place is answered with a Fo01, which is berichtenverkeer
        Path xml = work.resolve("onbekend-bericht.xml");
        Files.writeString(xml, "<?xml version=\"1.0\"?><onbekend>geen iWmo-bericht</onbekend>");
        browser.driver.findElement(By.id("bv-bestanden")).sendKeys(xml.toString());
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.id("bv-resultaat"), "Afgekeurd door de hub", CHAIN);
        browser.screenshot("14-berichtenverkeer");
        browser.assertAccessible("Berichtenverkeer");
        List<Path> before = zips();
        browser.driver.findElement(By.id("berichten-download")).click();
        browser.awaitText(By.id("berichten-download-resultaat"), "is gedownload");
        await().atMost(Duration.ofSeconds(30)).until(() -> zips().size() > before.size() && noPartialDownloads());
        Path downloaded = zips().stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
        assertThat(zipEntryNames(downloaded)).anySatisfy(n -> assertThat(n).startsWith("Fo01"));
    }

    @Test
    @Order(10)
    void the0363UserAnswersItsSpiegelrapportWithATerugmelding() {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/terugmelding");
        browser.await(By.id("terugmelding-tekst"));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Terugmelding versturen']")).click();
        assertThat(browser.text(By.id("terugmelding-tekst-fout"))).isEqualTo("Vul uw terugmelding in.");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("terugmelding-tekst");
        browser.assertAccessible("Terugmelding met een fout");
        browser.driver.findElement(By.id("terugmelding-tekst"))
                .sendKeys("Het aantal cliënten met hulp bij het huishouden is lager dan in onze eigen registratie.");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Terugmelding versturen']")).click();
        browser.awaitText(By.cssSelector("main"), "Uw terugmelding is verstuurd");
        assertThat(browser.text(By.cssSelector("main"))).containsPattern("Referentienummer: [0-9a-f-]{36}");
        browser.screenshot("15-terugmelding");
        browser.assertAccessible("Terugmelding");
    }

    @Test
    @Order(11)
    void thePagesReflowOnAPhoneSizedWindowAndAt200PercentZoom() {
        browser.logIn("0363.aanlever");
        Dimension before = browser.window().getSize();
        try {
            List<String> sideways = new ArrayList<>();
            for (int width : new int[] {375, 640}) { // 640 CSS pixels is a 1280 pixel window at 200 %
                browser.window().setSize(new Dimension(width, 800));
                for (String page : new String[] {"#/cbs/aanleveren", "#/cbs/leveringen", "#/cbs/rapporten",
                    "#/cbs/optin", "#/cbs/activiteit", "#/berichtenverkeer"}) {
                    browser.open(page);
                    browser.await(By.cssSelector("main h1"));
                    if (browser.scrollsSideways()) {
                        sideways.add(page + " at " + width + " px");
                    }
                }
            }
            browser.window().setSize(new Dimension(375, 800));
            browser.open("#/cbs/leveringen");
            browser.await(By.cssSelector("main h1"));
            browser.screenshot("16-leveringen-telefoon");
            assertThat(sideways).as("pages that scroll sideways").isEmpty();
        } finally {
            browser.window().setSize(before);
        }
    }

    @Test
    @Order(12)
    void loggingOutEndsTheSessionAndShowsTheLoginPage() {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/leveringen");
        browser.await(By.id("uitloggen")).click();
        browser.await(By.id("gebruikersnaam"));
        Object status = browser.asyncScript("return (await fetch('/api/v1/session')).status;");
        assertThat(((Number) status).intValue()).isEqualTo(401);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private String failedLogin(String user, String password) {
        WebElement name = browser.await(By.id("gebruikersnaam"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = browser.driver.findElement(By.id("wachtwoord"));
        secret.clear();
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
        browser.await(By.id("inloggen-fout"));
        browser.awaitText(By.id("inloggen-fout"), "onjuist");
        String message = browser.text(By.id("inloggen-fout"));
        // the next attempt must show its own message, not this one
        browser.script("document.getElementById('inloggen-fout').hidden = true;"
                + "document.getElementById('inloggen-fout').textContent = '';");
        return message;
    }

    /** An example file of docs/examples for another gemeente: its gemeentecode in every record. */
    private static byte[] example(String type, String gemeente) throws IOException {
        String text = Files.readString(Path.of("docs", "examples", "0384_" + type + "_2026H1.csv"));
        return text.replace(";0384;", ";" + gemeente + ";").getBytes(StandardCharsets.UTF_8);
    }

    private Path zipOf(String zipName, String entry, byte[] content) throws IOException {
        Path zip = work.resolve(zipName);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
        return zip;
    }

    private Path awaitDownload(String fileName) {
        Path target = browser.downloads.resolve(fileName);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(target) && Files.size(target) > 0 && noPartialDownloads());
        return target;
    }

    private boolean noPartialDownloads() throws IOException {
        try (Stream<Path> files = Files.list(browser.downloads)) {
            return files.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        }
    }

    private List<Path> zips() throws IOException {
        try (Stream<Path> files = Files.list(browser.downloads)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip")).toList();
        }
    }

    private static List<String> zipEntryNames(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
