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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import nl.ggk.hub.testsupport.ReferenceFiles;
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
@org.junit.jupiter.api.Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest extends HubTestSupport {

    private static final Duration CHAIN = Duration.ofSeconds(90);
    /** English a municipal user met in the portal (issue 17): none of it may show on a page. */
    private static final List<String> ENGLISH = List.of("received", "classified", "queued", "delivered", "endpoint",
            "violation", "violations", "entries", "entry", "feedback", "duplicate", "rejected", "forwarded", "failed",
            "FOLDER", "Bv03", "Send", "Resource not found", "Name the file", "Deels goedgekeurd", "Kanaal");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A server path, or a file under the outbox named with its folder (0363/technische-terugkoppeling-...zip). */
    private static final Pattern PATH = Pattern.compile(
            "(?:[\\w.-]+/)+[\\w.-]+\\.(?:zip|xml|csv|pdf|txt)\\b|(?:^|\\s)/[\\w.-]+/[\\w.-]+");
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
    @Order(10)
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
    @Order(20)
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
    @Order(30)
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
                .contains("0363_WMO_2026H1.csv: goedgekeurd: 3 records, 0 bevindingen");
        browser.screenshot("04-aanleveren-uitslag");
        browser.assertAccessible("Aanleveren met uitslag");
        assertReadable("Aanleveren met uitslag");

        browser.driver.findElement(By.linkText("Volg deze levering")).click();
        browser.awaitText(By.cssSelector("main"), "Verloop");
        browser.awaitText(By.cssSelector("main"), "Terugkoppeling CBS ontvangen", CHAIN);
        assertThat(browser.driver.findElement(By.cssSelector(".ggk-phases li[aria-current=step]")).getText())
                .isEqualTo("Terugkoppeling CBS ontvangen");
        browser.screenshot("06-levering-detail");
        browser.assertAccessible("Levering (detail)");
        assertThat(assertReadable("Levering (detail)")).contains("Aangeleverd via\nhet portaal of de API",
                "herkend als bestand voor CBS (WMO)", "klaargezet voor de technische controle");
        assertThat(browser.driver.findElement(By.cssSelector(".ggk-phases li")).getCssValue("border-top-style"))
                .as("a phase step is text, not a button").isEqualTo("none");

        browser.open("#/cbs/leveringen");
        browser.awaitText(By.cssSelector("main table"), "Terugkoppeling CBS ontvangen", CHAIN);
        browser.screenshot("05-leveringen");
        browser.assertAccessible("Leveringen");
        assertReadable("Leveringen");
    }

    @Test
    @Order(35)
    void aRefusedGmsdFileShowsItsFirstFindingsInDutchWhereTheUserLooks() throws IOException {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/aanleveren");
        browser.await(By.id("cbs-bestanden"));
        // six records with three columns where SBO has four: six findings, the first five kept, one more in the ZIP
        Path csv = work.resolve("0363_SBO_2026H1.csv");
        Files.writeString(csv, "20260715;0363;101\n".repeat(6));
        browser.driver.findElement(By.id("cbs-bestanden")).sendKeys(csv.toString());
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.id("cbs-resultaat"), "Afgekeurd door de hub", CHAIN);
        browser.awaitText(By.id("cbs-resultaat"), "en nog 1 bevinding", CHAIN);
        String result = assertReadable("Aanleveren, afgekeurd");
        assertThat(browser.text(By.id("cbs-resultaat"))).contains("Wat er niet klopt in 0363_SBO_2026H1.csv",
                "Regel 1: Regel heeft 3 kolommen; verwacht 4.", "Regel 5:", "Wat te doen:",
                "zie de terugkoppeling (ZIP)")
                .doesNotContain("Regel 6");
        assertThat(result).doesNotContain("GGK001 Het bestand");
        browser.screenshot("04b-aanleveren-afgekeurd");
        browser.assertAccessible("Aanleveren, afgekeurd");

        browser.driver.findElement(By.linkText("Volg deze levering")).click();
        browser.awaitText(By.cssSelector("main"), "Wat er niet klopt in 0363_SBO_2026H1.csv");
        assertThat(assertReadable("Levering, afgekeurd")).contains("Regel 1: Regel heeft 3 kolommen",
                "en nog 1 bevinding");
        browser.screenshot("06b-levering-afgekeurd");
        browser.assertAccessible("Levering, afgekeurd");

        browser.open("#/cbs/leveringen");
        browser.awaitText(By.cssSelector("main table"), "0363_SBO_2026H1.csv, regel 1: Regel heeft 3 kolommen", CHAIN);
        assertThat(assertReadable("Leveringen met een afgekeurd bestand")).contains("en nog 3 bevindingen");

        browser.open("#/cbs/activiteit");
        browser.awaitText(By.cssSelector("main"), "0363_SBO_2026H1.csv van Amsterdam is afgekeurd", CHAIN);
        assertThat(assertReadable("Activiteit met een afgekeurd bestand")).contains("Regel 1: Regel heeft 3 kolommen")
                .contains("en nog 5 bevindingen, zie de terugkoppeling (ZIP)");
    }

    @Test
    @Order(40)
    void the0363UserDownloadsTheReportZipAndItHoldsAPdfAndTheDownloadIsShown() throws IOException {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/rapporten");
        browser.awaitText(By.cssSelector("main"), "Technische terugkoppeling van CBS", CHAIN);
        browser.awaitText(By.cssSelector("main"), "Spiegelrapport Wmo 2026H1", CHAIN);
        // the row read in one go, again if the page re-drew it meanwhile; the link then found by the row's id
        String[] report = browser.fresh(() -> {
            WebElement row = browser.driver.findElement(By.xpath(
                    "//tr[td[2][normalize-space()='Technische terugkoppeling van CBS']][1]"));
            return new String[] {row.findElement(By.xpath("td[1]")).getText(),
                    row.findElement(By.xpath(".//a[@download]")).getDomAttribute("download"),
                    row.getDomAttribute("data-rapport")};
        });
        assertThat(report[0]).isEqualTo("Technische terugkoppeling CBS – 0363_WMO_2026H1");
        String fileName = report[1];
        String id = report[2];
        browser.fresh(() -> {
            browser.driver.findElement(By.xpath("//tr[@data-rapport='" + id + "']//a[@download]")).click();
            return null;
        });
        Path downloaded = awaitDownload(fileName);
        assertThat(zipEntryNames(downloaded)).anySatisfy(name -> assertThat(name).endsWithIgnoringCase(".pdf"));
        By downloadedBy = By.xpath("//tr[@data-rapport='" + id + "']/td[4]");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !browser.text(downloadedBy).contains("nog niet gedownload"));
        assertThat(browser.text(downloadedBy)).as("the person, not the organisation code")
                .contains("Aanleveraar Amsterdam (demo)").doesNotContain("0363");
        String page = assertReadable("Rapporten");
        assertThat(page).contains("Foutbericht GGK001 – 0363_SBO_2026H1.csv", "Download (XML)")
                .doesNotContain("Fo01-", "Elk rapport is een ZIP");
        browser.screenshot("07-rapporten");
        browser.assertAccessible("Rapporten");
    }

    @Test
    @Order(50)
    void the0363UserSendsAnOptInAndGetsAConfirmationWithTheReferentienummer() {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/optin");
        browser.await(By.id("optin-WMO_BASIS-J"));
        assertThat(browser.driver.findElements(By.cssSelector("input[type=radio]:checked")))
                .as("no choice made for the user").isEmpty();
        browser.driver.findElement(By.xpath("//button[normalize-space()='Keuze versturen']")).click();
        assertThat(browser.text(By.id("optin-WMO_BASIS-fout"))).isEqualTo("Kies ja of nee voor Wmo basisset.");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("optin-WMO_BASIS");
        assertThat(browser.text(By.cssSelector("main"))).doesNotContain("Uw keuze is verstuurd")
                .doesNotContain("De verplichte kern");
        browser.screenshot("08-optin");
        browser.assertAccessible("Opt-in");
        for (String id : new String[] {"optin-WMO_BASIS-J", "optin-WMO_FACULTATIEF-N", "optin-JEUGD-J", "optin-SBO-J"}) {
            browser.driver.findElement(By.id(id)).click();
        }
        browser.driver.findElement(By.xpath("//button[normalize-space()='Keuze versturen']")).click();
        browser.awaitText(By.cssSelector("main"), "Uw keuze is verstuurd");
        browser.await(By.id("optin-huidig"));
        assertThat(browser.text(By.id("optin-huidig"))).contains("Wmo facultatieve set\nnee", "Wmo basisset\nja");
        browser.awaitText(By.id("optin-referentienummer"), "-", CHAIN);
        await().atMost(CHAIN).until(() -> browser.text(By.id("optin-referentienummer"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(browser.text(By.id("optin-huidig"))).contains("Gekozen door\nAanleveraar Amsterdam (demo)");
        assertReadable("Opt-in met bevestiging");
        browser.screenshot("09-optin-bevestiging");
        browser.assertAccessible("Opt-in met bevestiging");
    }

    @Test
    @Order(60)
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

        assertReadable("Aanleveren (samenwerkingsverband)");

        browser.open("#/cbs/rapporten");
        browser.awaitText(By.cssSelector("main"), "0546_WMO_2026H1", CHAIN);
        WebElement row = browser.driver.findElement(By.xpath(
                "//tr[td[1][contains(., '0546_WMO_2026H1')]][1]"));
        WebElement link = row.findElement(By.xpath(".//a[@download]"));
        String fileName = link.getDomAttribute("download");
        link.click();
        assertThat(zipEntryNames(awaitDownload(fileName))).anySatisfy(n -> assertThat(n).endsWithIgnoringCase(".pdf"));
        assertReadable("Rapporten (samenwerkingsverband)");
        for (String page : new String[] {"#/cbs/leveringen", "#/cbs/optin", "#/cbs/terugmelding", "#/cbs/activiteit"}) {
            browser.open(page);
            browser.await(By.cssSelector("main h1"));
            browser.awaitText(By.cssSelector("main"), page.endsWith("optin") ? "Huidige keuze"
                    : page.endsWith("terugmelding") ? "Verstuurde terugmeldingen" : "0546", CHAIN);
            assertReadable(page + " (samenwerkingsverband)");
        }
    }

    @Test
    @Order(70)
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
        assertReadable("Activiteit (lezer)");
        assertThat(browser.present(By.linkText("Aanleveren"))).as("a cbs-lezer has no Aanleveren").isFalse();
        browser.open("#/cbs/optin");
        browser.awaitText(By.cssSelector("main"), "Huidige keuze");
        assertThat(browser.text(By.id("optin-alleen-lezen"))).contains("alleen bekijken");
        assertThat(browser.text(By.cssSelector("main"))).doesNotContain("Kies per halfjaar", "Keuze versturen");
        browser.screenshot("11b-optin-lezer");
        browser.assertAccessible("Opt-in (lezer)");
        for (String page : new String[] {"#/cbs/leveringen", "#/cbs/rapporten"}) {
            browser.open(page);
            browser.awaitText(By.cssSelector("main"), "0546_WMO_2026H1", CHAIN);
            assertReadable(page + " (lezer)");
        }

        browser.logIn("0547.lezer");
        browser.open("#/cbs/activiteit");
        browser.awaitText(By.cssSelector("main"), "Nog geen activiteit");
        assertThat(browser.text(By.cssSelector("main"))).doesNotContain("0546", "Leiden");
    }

    @Test
    @Order(80)
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
        assertReadable("Beheer");

        // one message at a time: the error about one's own account replaces the earlier green one, in plain Dutch
        assertThat(browser.present(By.cssSelector("main .utrecht-alert--ok"))).isTrue();
        browser.driver.findElement(By.xpath("//tr[@data-gebruiker='0363.beheer']//button")).click();
        browser.await(By.id("wijzig-actief")).click();
        browser.driver.findElement(By.xpath("//button[normalize-space()='Wijzigingen opslaan']")).click();
        browser.awaitText(By.cssSelector("main"), "eigen account");
        String error = browser.text(By.cssSelector("main .utrecht-alert--error:not([hidden])"));
        assertThat(error).startsWith("U kunt uw eigen account niet uitschakelen").doesNotContain("'rollen'", "rollen:");
        assertThat(browser.present(By.cssSelector("main .utrecht-alert--ok"))).as("the earlier success is gone")
                .isFalse();
        browser.screenshot("13b-beheer-fout");
        browser.assertAccessible("Beheer met een fout over het eigen account");

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
    @Order(90)
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

        // a ZIP of three iWmo messages of which the two from a care provider are refused for 0363: each refusal
        // with its code, its Dutch reason and its own Fo01 link; the status says what happened
        Path zip = work.resolve("0363-berichten.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"WMO301.xml", "WMO305.xml", "WMO307.xml"}) {
                String xmlText = Files.readString(ReferenceFiles.file("istandaarden-3.2/iwmo/berichten/" + name));
                out.putNextEntry(new ZipEntry(name));
                out.write(xmlText.replace(">0384<", ">0363<").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        browser.open("#/berichtenverkeer");
        browser.await(By.id("bv-bestanden")).sendKeys(zip.toString());
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.id("bv-resultaat"), "1 doorgestuurd, 2 geweigerd", CHAIN);
        String result = browser.text(By.id("bv-resultaat"));
        assertThat(result).contains("2 geweigerde bestanden").doesNotContain("Deels goedgekeurd", "eels goedgekeurd")
                .containsPattern("WMO305\\.xml – [A-Z]{2,3}\\d{3}: \\S+").containsPattern("WMO307\\.xml – [A-Z]{2,3}\\d{3}: \\S+");
        assertThat(browser.driver.findElements(By.xpath("//*[@id='bv-resultaat']//a[@download]")))
                .extracting(WebElement::getText)
                .contains("Foutbericht (Fo01) bij WMO305.xml", "Foutbericht (Fo01) bij WMO307.xml")
                .doesNotHaveDuplicates();
        By trackAndTrace = By.xpath("//h2[normalize-space()='Track & trace']/following-sibling::div[1]");
        browser.awaitText(trackAndTrace, "0363-berichten.zip");
        browser.awaitText(trackAndTrace, "1 doorgestuurd, 2 geweigerd");
        assertThat(browser.text(trackAndTrace)).as("iWmo/iJw/SVB traffic only").contains("onbekend-bericht.xml")
                .doesNotContain("0363_gmsd_2026H1.zip", "0363_SBO_2026H1.csv", "OPTIN", "Doorgestuurd naar de ontvanger");
        assertReadable("Berichtenverkeer met geweigerde berichten");
        browser.screenshot("14b-berichtenverkeer-geweigerd");
        browser.assertAccessible("Berichtenverkeer met geweigerde berichten");
    }

    @Test
    @Order(100)
    void the0363UserAnswersItsSpiegelrapportWithATerugmelding() throws IOException {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/terugmelding");
        browser.await(By.id("terugmelding-tekst"));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Terugmelding versturen']")).click();
        assertThat(browser.text(By.id("terugmelding-tekst-fout"))).isEqualTo("Vul uw terugmelding in.");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("terugmelding-tekst");
        browser.assertAccessible("Terugmelding met een fout");
        assertThat(new Select(browser.driver.findElement(By.id("terugmelding-rapport"))).getOptions())
                .extracting(WebElement::getText).allSatisfy(t -> assertThat(t).startsWith("Spiegelrapport Wmo 2026H1"));
        assertThat(browser.text(By.cssSelector("main"))).contains("U heeft nog geen terugmelding verstuurd.");
        browser.driver.findElement(By.id("terugmelding-tekst"))
                .sendKeys("Het aantal cliënten met hulp bij het huishouden is lager dan in onze eigen registratie.");
        Path attachment = work.resolve("toelichting.txt");
        Files.writeString(attachment, "Onze eigen telling: 412 cliënten.");
        browser.driver.findElement(By.id("terugmelding-bijlage")).sendKeys(attachment.toString());
        browser.driver.findElement(By.xpath("//button[normalize-space()='Terugmelding versturen']")).click();
        browser.awaitText(By.cssSelector("main"), "Uw terugmelding is verstuurd");
        assertThat(browser.text(By.cssSelector("main"))).containsPattern("Referentienummer: [0-9a-f-]{36}")
                .contains("op Spiegelrapport Wmo 2026H1 met de bijlage toelichting.txt");
        browser.awaitText(By.cssSelector("main table"), "Aanleveraar Amsterdam (demo)");
        assertThat(browser.text(By.cssSelector("main table"))).contains("Spiegelrapport Wmo 2026H1");
        assertReadable("Terugmelding");
        browser.screenshot("15-terugmelding");
        browser.assertAccessible("Terugmelding");

        browser.open("#/cbs/activiteit");
        browser.awaitText(By.cssSelector("main"), "Amsterdam heeft gereageerd op het spiegelrapport Wmo 2026H1", CHAIN);
        assertThat(assertReadable("Activiteit (0363)")).containsPattern("Amsterdam heeft de opt-in voor 2026H[12] doorgegeven")
                .doesNotContain("terugmelding-0363-", "_OPTIN_");
        browser.screenshot("15b-activiteit-0363");
    }

    @Test
    @Order(110)
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
    @Order(120)
    void loggingOutEndsTheSessionAndShowsTheLoginPage() {
        browser.logIn("0363.aanlever");
        browser.open("#/cbs/leveringen");
        browser.await(By.id("uitloggen")).click();
        browser.await(By.id("gebruikersnaam"));
        Object status = browser.asyncScript("return (await fetch('/api/v1/session')).status;");
        assertThat(((Number) status).intValue()).isEqualTo(401);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /**
     * What the user reads on the page now: no English word of {@link #ENGLISH}, no UUID except a Kenmerk or a
     * referentienummer (each labelled so), no server path. Returns the text.
     */
    private String assertReadable(String page) {
        String text = (String) browser.script("return document.body.innerText;");
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (String word : ENGLISH) {
                if (Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(line).find()) {
                    problems.add("English '" + word + "': " + line);
                }
            }
            String labelled = (line + " " + (i > 0 ? lines[i - 1] : "")).toLowerCase(java.util.Locale.ROOT);
            if (UUID.matcher(line).find() && !labelled.contains("kenmerk") && !labelled.contains("referentienummer")) {
                problems.add("UUID: " + line);
            }
            if (PATH.matcher(line).find()) {
                problems.add("path: " + line);
            }
        }
        assertThat(problems).as("what a user reads on %s", page).isEmpty();
        return text;
    }

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
