package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.LogCapture;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless input on the folder door (inbox/&lt;org&gt;/): each file gets an answer (delivered, or
 * moved as it is to quarantine/ with a reason file, a WARN line and ggk_quarantined_total), and none holds up
 * the next file of another organisation or takes health down.
 */
class FolderDoorTest extends HubTestSupport {

    /**
     * With this test's 300 ms read lock a file is taken in well under a second on an idle machine; the margin is
     * for a loaded build machine (the first file after start-up took 20 s once while other builds ran).
     */
    private static final Duration IN_TIME = Duration.ofSeconds(15);

    @Test
    void aLinkToAFileOutsideTheDataRootIsRefusedAndTheLinkItselfIsQuarantined() throws Exception {
        Path secret = Files.createTempFile(dataDir.getParent(), "geheim", ".txt");
        Files.writeString(secret, "root:x:0:0:geheim-buiten-de-inbox\n");
        Path link = Files.createSymbolicLink(inbox("0384").resolve("0384_WMO_2026H2.csv"), secret);
        String next = dropValid("0363", "na-een-link.xml");

        Path reason = awaitQuarantined("0384", "0384_WMO_2026H2.csv.reason.txt");
        assertThat(Files.readString(reason)).contains("not-authorised").contains("symbolische link")
                .doesNotContain(secret.toString());
        Path kept = await().atMost(IN_TIME).until(() -> quarantinedFile("0384", "0384_WMO_2026H2.csv"), p -> p != null);
        assertThat(Files.isSymbolicLink(kept)).as("the link itself is moved, the target never copied").isTrue();
        assertThat(link).doesNotExist();
        assertThat(secret).hasContent("root:x:0:0:geheim-buiten-de-inbox");
        assertThat(filesContaining(dataDir, "geheim-buiten-de-inbox")).as("the target is read nowhere").isEmpty();
        assertThat(deliveryIdOf("0384", "0384_WMO_2026H2.csv")).isNull();
        awaitDelivered("0363", next);
        assertHealthUp();
    }

    @Test
    void aLinkedOrganisationFolderIsNeverEnteredAndTheLinkItselfIsQuarantined() throws Exception {
        Path outside = Files.createTempDirectory(dataDir.getParent(), "buiten");
        Path target = Files.writeString(outside.resolve("0363_WMO_2026H2.csv"), "geheim-in-een-gelinkte-map\n");
        Path link = Files.createSymbolicLink(data("inbox").resolve("0363-link"), outside);

        Path reason = awaitQuarantined("_unknown", "0363-link.reason.txt");
        assertThat(Files.readString(reason)).contains("not-authorised").contains("symbolische link");
        assertThat(Files.isSymbolicLink(quarantinedFile("_unknown", "0363-link"))).isTrue();
        assertThat(link).doesNotExist();
        assertThat(target).as("the target is neither moved nor read").hasContent("geheim-in-een-gelinkte-map");
        assertThat(filesContaining(dataDir, "geheim-in-een-gelinkte-map")).isEmpty();
        assertHealthUp();
    }

    @Test
    void aFileWithTheLongestNameTheFileSystemAllowsIsDeliveredAndTheFolderKeepsWorking() throws Exception {
        // 255 bytes is the most ext4 and most file systems allow (a 300-character name cannot exist on them);
        // the idempotent record of before (VARCHAR(100)) already broke at 87
        String longName = "0384_" + "lang".repeat(61) + "_x.xml";
        assertThat(longName).hasSize(255);
        dropValid("0384", longName);
        String next = dropValid("0363", "na-een-lange-naam.xml");

        // recorded under its name as written; only names on disk are bounded
        awaitDelivered("0384", longName);
        awaitDelivered("0363", next);
        await().atMost(IN_TIME).until(() -> !Files.exists(inbox("0384").resolve(longName)));
        assertThat(quarantinedFile("0384", longName)).as("archived, not refused").isNull();
        assertThat(archived("0384")).as("archived under a bounded name: its start, a hash of the whole, the time")
                .anyMatch(name -> name.matches("0384_[a-z]*-[0-9a-f]{12}-\\d{17}\\.xml") && name.length() < 200);
        assertHealthUp();
    }

    @Test
    void aCorrectedFileWithTheSameNameSizeAndTimeAsAnEarlierOneIsDeliveredAgain() throws Exception {
        byte[] first = Zips.istandaardenSamples().get("WMO301.xml");
        byte[] corrected = Arrays.copyOf(first, first.length);
        String text = new String(corrected, StandardCharsets.UTF_8);
        int digit = text.indexOf("123456789012");
        assertThat(digit).isPositive();
        corrected[digit] = '9';
        FileTime time = FileTime.fromMillis(1_780_000_000_000L);

        drop("0546", "correctie.xml", first, time);
        await().atMost(IN_TIME).until(() -> deliveriesNamed("0546", "correctie.xml") == 1);
        await().atMost(IN_TIME).until(() -> !Files.exists(inbox("0546").resolve("correctie.xml")));
        drop("0546", "correctie.xml", corrected, time);

        await("the corrected file is a delivery of its own").atMost(IN_TIME)
                .until(() -> deliveriesNamed("0546", "correctie.xml") == 2);
        await().atMost(IN_TIME).until(() -> !Files.exists(inbox("0546").resolve("correctie.xml")));
    }

    @Test
    void anEmptyFileGetsAFo01InItsOrganisationsOutboxWithADutchReasonAndTheOriginalIsKept() throws Exception {
        Files.write(inbox("0363").resolve("leeg-bestand-melding.csv"), new byte[0]);

        Path reason = awaitQuarantined("0363", "leeg-bestand-melding.csv.reason.txt");
        assertThat(Files.readString(reason)).contains("Het bestand 'leeg-bestand-melding.csv' is leeg (0 bytes)");
        await().atMost(IN_TIME).until(() -> quarantinedFile("0363", "leeg-bestand-melding.csv") != null);
        Path outbox = data("outbox/0363");
        Path fo01 = await().atMost(IN_TIME).until(() -> {
            try (Stream<Path> files = Files.list(outbox)) {
                return files.filter(f -> f.getFileName().toString().startsWith("Fo01-")
                        && f.getFileName().toString().endsWith("-leeg-bestand-melding.csv.xml")).findFirst().orElse(null);
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
        }, java.util.Objects::nonNull);
        assertThat(Files.readString(fo01)).contains("IB905").contains("is leeg (0 bytes)")
                .doesNotContain("is empty");
        assertThat(get("/api/v1/outbox", "demo-0363").body()).contains(fo01.getFileName().toString());
    }

    @Test
    void anEmptyFileIsQuarantinedAtOnceAndDoesNotHoldUpOtherOrganisations() throws Exception {
        Files.write(inbox("0384").resolve("leeg.csv"), new byte[0]);
        String next = dropValid("0599", "na-een-leeg-bestand.xml");

        awaitDelivered("0599", next);
        Path reason = awaitQuarantined("0384", "leeg.csv.reason.txt");
        assertThat(Files.readString(reason)).contains("zip-empty").contains("IB905").contains("leeg.csv");
        await().atMost(IN_TIME).until(() -> quarantinedFile("0384", "leeg.csv") != null);
        try (Stream<Path> left = Files.list(inbox("0384"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("leeg.csv"));
        }
        assertHealthUp();
    }

    @Test
    void aFileInTheWrongPlaceOrWithANameThatIsNotUtf8IsMovedToQuarantineWithAReasonAWarningAndAMetric()
            throws Exception {
        double quarantinedBefore = folderPayloadInvalid();
        try (LogCapture log = LogCapture.start()) {
            Files.writeString(data("inbox").resolve("los-in-inbox.xml"), "<x/>");
            Path deep = Files.createDirectories(inbox("0384").resolve("sub"));
            Files.writeString(deep.resolve("te-diep.xml"), "<x/>");
            Files.createSymbolicLink(inbox("0384").resolve("wijst-nergens-heen.xml"), data("bestaat-niet"));
            // bytes 0xFF 0xFE are no UTF-8: no java.io.File can name this file, so the shell makes it
            Process shell = new ProcessBuilder("sh", "-c", "printf '<x/>' > \"$(printf 'kapot\\377\\376.xml')\"")
                    .directory(inbox("0384").toFile()).inheritIO().start();
            assertThat(shell.waitFor()).isZero();
            String next = dropValid("0518", "na-verdwaalde-bestanden.xml");

            awaitDelivered("0518", next);
            assertThat(Files.readString(awaitQuarantined("_unknown", "los-in-inbox.xml.reason.txt")))
                    .contains("payload-invalid").contains("inbox/<organisatie>/");
            assertThat(Files.readString(awaitQuarantined("0384", "te-diep.xml.reason.txt")))
                    .contains("submap");
            assertThat(Files.readString(awaitQuarantined("0384", "wijst-nergens-heen.xml.reason.txt")))
                    .contains("symbolische link");
            assertThat(Files.readString(awaitQuarantined("0384", "kapot__.xml.reason.txt")))
                    .contains("geen geldige UTF-8");
            // and 0384 hears of it where it looks, as of every refusal
            await().atMost(IN_TIME).untilAsserted(() -> {
                try (Stream<Path> outbox = Files.list(data("outbox/0384"))) {
                    assertThat(outbox.map(f -> f.getFileName().toString()))
                            .anyMatch(n -> n.startsWith("Fo01-") && n.endsWith("-te-diep.xml"));
                }
            });
            for (String[] kept : List.of(new String[] {"_unknown", "los-in-inbox.xml"},
                    new String[] {"0384", "te-diep.xml"}, new String[] {"0384", "kapot__.xml"})) {
                assertThat(quarantinedFile(kept[0], kept[1])).as("original of %s kept", kept[1]).hasContent("<x/>");
            }
            assertThat(Files.isSymbolicLink(quarantinedFile("0384", "wijst-nergens-heen.xml"))).isTrue();
            // (other tests on this hub use the inbox too: what this test put there)
            try (Stream<Path> left = Files.walk(data("inbox"))) {
                assertThat(left.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> p.getFileName().toString()))
                        .as("nothing left behind in the inbox").noneMatch(name -> name.equals("los-in-inbox.xml")
                                || name.equals("te-diep.xml") || name.equals("wijst-nergens-heen.xml")
                                || name.startsWith("kapot") || name.equals(next));
            }
            await().atMost(IN_TIME).until(() -> log.text().contains("te-diep.xml"));
            assertThat(log.text()).contains("WARN").contains("los-in-inbox.xml").contains("te-diep.xml")
                    .doesNotContain(dataDir.toString());
        }
        assertThat(folderPayloadInvalid()).as("ggk_quarantined_total of the three payload-invalid files")
                .isGreaterThanOrEqualTo(quarantinedBefore + 3);
        assertHealthUp();
    }

    // ---------------------------------------------------------------------------------------------------------

    private Path inbox(String organisation) throws IOException {
        return Files.createDirectories(data("inbox/" + organisation));
    }

    /** As a careful writer does: under a .part name (ignored by the inbox), then renamed. */
    private void drop(String organisation, String name, byte[] content, FileTime time) throws IOException {
        Path part = inbox(organisation).resolve(".x-" + System.nanoTime() + ".part");
        Files.write(part, content);
        if (time != null) {
            Files.setLastModifiedTime(part, time);
        }
        Files.move(part, inbox(organisation).resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private String dropValid(String organisation, String name) throws IOException {
        drop(organisation, name, Zips.istandaardenSamples().get("WMO301.xml"), null);
        return name;
    }

    private void awaitDelivered(String organisation, String name) {
        await("delivery " + name + " of " + organisation).atMost(IN_TIME).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveryIdOf(organisation, name) != null);
    }

    private Path awaitQuarantined(String organisation, String suffix) {
        return await("quarantined " + suffix).atMost(IN_TIME).pollInterval(Duration.ofMillis(100))
                .until(() -> quarantinedFile(organisation, suffix), found -> found != null);
    }

    private List<String> archived(String organisation) throws IOException {
        try (Stream<Path> files = Files.list(data("archive/" + organisation))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private long deliveriesNamed(String organisation, String filename) {
        var list = json(get("/api/v1/deliveries?organisation=" + organisation + "&size=200",
                "demo-" + organisation).body());
        long count = 0;
        for (var item : list.get("items")) {
            count += item.get("filename").asText().equals(filename) ? 1 : 0;
        }
        return count;
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(p -> {
                try {
                    return Files.size(p) < 10_000_000
                            && new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    /** ggk_quarantined_total{channel="FOLDER",reason="payload-invalid"}: 0 before the first. */
    private double folderPayloadInvalid() {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                        "ggk_quarantined_total\\{channel=\"FOLDER\",reason=\"payload-invalid\"[^}]*} (\\S+)")
                .matcher(managementGet("/observe/metrics"));
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private void assertHealthUp() {
        assertThat(managementGet("/observe/health")).contains("UP").doesNotContain("DOWN");
    }
}
