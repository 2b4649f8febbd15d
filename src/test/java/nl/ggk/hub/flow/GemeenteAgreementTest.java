package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.portal.DemoUsers;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.testsupport.Http;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * One gemeente per entry (issue 14, part 2), on every door: the gemeente an entry names (the GMSD file name and its
 * records, the iWmo Afzender, the envelope's zender) must be the gemeente the delivery is for, or the entry is
 * refused with a Fo01 GGK003 whose Dutch reason names both; its original is quarantined, nothing of it reaches CBS,
 * and its siblings in a ZIP carry on. A samenwerkingsverband delivering for itself hands in each member's file for
 * that member.
 */
class GemeenteAgreementTest extends HubTestSupport {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String DI01_ACTION = "http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01";

    /** An example GMSD file of {@code type} of the working specification, made {@code gemeente}'s, of {@code year}. */
    private static byte[] gmsd(String type, String gemeente, int year) throws IOException {
        return Files.readString(Path.of("docs/examples/0384_" + type + "_2026H1.csv"))
                .replace(";0384;", ";" + gemeente + ";").replace("2026", String.valueOf(year))
                .replace("2025", String.valueOf(year - 1)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void samenwerkingsverbandThatChoseLeiderdorpAndUploadedLeidensFileGetsGgk003AndNothingReachesCbs() throws Exception {
        String name = "0546_WMO_2025H1.csv";
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=" + name, "demo-SWV-HR", "text/csv",
                gmsd("WMO", "0546", 2025), "X-Organisation", "0547");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();

        JsonNode trace = awaitFinal(id, "demo-SWV-HR");
        assertThat(trace.get("organisation").asText()).isEqualTo("0547");
        JsonNode entry = trace.get("entries").get(0);
        assertRefused(id, entry, "SWV-HR", "Het bestand 0546_WMO_2025H1.csv is van Leiden (0546), maar is aangeleverd"
                + " voor Leiderdorp (0547). Lever het aan voor Leiden.");
        assertThat(entry.get("feedback").isNull()).as("no technical check, so no 'Goedgekeurd door de hub'").isTrue();
        // Leiderdorp's reader is told it was refused and why; Leiden got nothing about it
        assertThat(feedTexts("demo-0547")).anyMatch(t -> t.startsWith(name + " van Leiderdorp is afgekeurd")
                && t.contains("Leiden (0546)"));
        assertThat(outboxFiles("0546")).noneMatch(f -> f.contains("0546_WMO_2025H1"));
    }

    @Test
    void thePortalsChoiceOfMemberIsHeldToTheFileAsWell() throws Exception {
        String name = "0546_SBO_2025H2.csv";
        PortalSession login = login("swvhr.aanlever");
        HttpResponse<String> posted = portalUpload(login, "0547", name, gmsd("SBO", "0546", 2025));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("deliveries").get(0).get("id").asText();

        JsonNode entry = awaitFinal(id, "demo-SWV-HR").get("entries").get(0);

        assertRefused(id, entry, "SWV-HR", "Het bestand 0546_SBO_2025H2.csv is van Leiden (0546), maar is aangeleverd"
                + " voor Leiderdorp (0547).");
    }

    @Test
    void aGemeenteDroppingAnotherGemeentesFileInItsInboxGetsGgk003() throws Exception {
        String name = "0363_JEUGD_2025H1.csv";
        Path part = data("inbox/0546/" + name + ".part");
        Files.createDirectories(part.getParent());
        Files.write(part, gmsd("JEUGD", "0363", 2025));
        Files.move(part, data("inbox/0546/" + name), StandardCopyOption.ATOMIC_MOVE);

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryIdOf("0546", name), v -> v != null);
        JsonNode entry = awaitFinal(id, "demo-0546").get("entries").get(0);

        assertRefused(id, entry, "0546", "Het bestand 0363_JEUGD_2025H1.csv is van Amsterdam (0363), maar is"
                + " aangeleverd voor Leiden (0546). Leiden mag niet aanleveren voor Amsterdam.");
    }

    @Test
    void aMemberSendingTheOtherMembersFileToTheWebServiceGetsBv03ThenGgk003() throws Exception {
        String name = "0547_KOSTENWMO_2025H1.csv";
        ByteArrayOutputStream di01 = new ByteArrayOutputStream();
        new EnvelopeWriter(StufSettings.defaults()).writeDi01(Di01Request.tekstBestand(
                StufSysteem.of("0546", "Zorgsysteem"), "CBS", "Dummy", name),
                new ByteArrayInputStream(gmsd("KOSTENWMO", "0547", 2025)), di01);
        HttpResponse<String> answer = post("/ws/ggk0210", "demo-0546", "text/xml; charset=utf-8",
                soap(di01.toString(StandardCharsets.UTF_8)), "SOAPAction", DI01_ACTION);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Bv03Bericht");

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryIdOf("0546", name), v -> v != null);
        JsonNode entry = awaitFinal(id, "demo-0546").get("entries").get(0);

        // the web service hands the tekstBestand to the intake as the file bestandsnaam names, for the zender
        assertRefused(id, entry, "0546", "Het bestand 0547_KOSTENWMO_2025H1.csv is van Leiderdorp (0547), maar is"
                + " aangeleverd voor Leiden (0546). Leiden mag niet aanleveren voor Leiderdorp.");
    }

    @Test
    void aJmsDeliveryNarrowedToLeiderdorpCannotCarryLeidensFile() throws Exception {
        String name = "0546_KOSTENWMO_2024H2.csv";
        try (Connection connection = new ActiveMQConnectionFactory("SWV-HR", "demo-SWV-HR", brokerTcpUrl)
                .createConnection()) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(gmsd("KOSTENWMO", "0546", 2024));
            message.setStringProperty("GgkOrganisation", "0547");
            message.setStringProperty("GgkFilename", name);
            session.createProducer(session.createQueue("ggk.inbound")).send(message);
        }

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryIdOf("0547", name), v -> v != null);
        JsonNode entry = awaitFinal(id, "demo-SWV-HR").get("entries").get(0);

        assertRefused(id, entry, "SWV-HR", "Het bestand 0546_KOSTENWMO_2024H2.csv is van Leiden (0546), maar is"
                + " aangeleverd voor Leiderdorp (0547).");
    }

    @Test
    void recordsOfAnotherGemeenteUnderTheChosenGemeentesNameAreRefusedWithBothNamesAndTheFeedbackShowsThem()
            throws Exception {
        String name = "0547_WMO_2024H1.csv";
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=" + name, "demo-SWV-HR", "text/csv",
                gmsd("WMO", "0546", 2024), "X-Organisation", "0547");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();

        JsonNode entry = awaitFinal(id, "demo-SWV-HR").get("entries").get(0);

        assertRefused(id, entry, "SWV-HR", "Records in 0547_WMO_2024H1.csv zijn van Leiden (0546), maar het bestand is"
                + " aangeleverd voor Leiderdorp (0547). Zie de technische terugkoppeling.");
        // the GMSD check's own finding stays: the feedback ZIP is there, afgekeurd, the rule listed
        String feedback = entry.get("feedback").asText();
        byte[] zip = Files.readAllBytes(data("outbox/" + feedback));
        String errors = new String(unzip(zip).get("fouten.csv"), StandardCharsets.UTF_8);
        assertThat(errors).contains("gemeentecode-bestand").contains("0546");
    }

    @Test
    void anIwmoMessageOfLeidenDeliveredForLeiderdorpIsNotForwarded() throws Exception {
        String wmo301 = """
                <?xml version="1.0" encoding="UTF-8"?>
                <wmo301:Bericht xmlns:wmo301="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema">
                  <wmo301:Header>
                    <wmo301:BerichtCode>414</wmo301:BerichtCode>
                    <wmo301:BerichtVersie>3</wmo301:BerichtVersie>
                    <wmo301:Afzender>0546</wmo301:Afzender>
                    <wmo301:Ontvanger>42420001</wmo301:Ontvanger>
                    <wmo301:BerichtIdentificatie><wmo301:Identificatie>GA-1</wmo301:Identificatie></wmo301:BerichtIdentificatie>
                  </wmo301:Header>
                </wmo301:Bericht>
                """;
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=toewijzing-leiden.xml", "demo-SWV-HR",
                "application/xml", wmo301.getBytes(StandardCharsets.UTF_8), "X-Organisation", "0547");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();

        JsonNode entry = awaitFinal(id, "demo-SWV-HR").get("entries").get(0);

        assertRefused(id, entry, "SWV-HR", "Het bericht WMO301 is van Leiden (0546), maar is aangeleverd voor"
                + " Leiderdorp (0547).");
        assertThat(filesUnder("outbound/iwmo")).noneMatch(f -> f.contains(id));
    }

    @Test
    void aZipForLeiderdorpHoldingBothMembersFilesRefusesLeidensAndForwardsLeiderdorpsAsLeiderdorps()
            throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("0546_JEUGD_2024H1.csv", gmsd("JEUGD", "0546", 2024));
        files.put("0547_JEUGD_2024H1.csv", gmsd("JEUGD", "0547", 2024));
        HttpResponse<String> posted = post("/api/v1/deliveries?filename=holland-rijnland.zip", "demo-SWV-HR",
                "application/zip", Zips.zip(files), "X-Organisation", "0547");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = json(posted.body()).get("id").asText();

        JsonNode trace = awaitForwarded(id, 1);
        JsonNode leiden = entryNamed(trace, "0546_JEUGD_2024H1.csv");
        JsonNode leiderdorp = entryNamed(trace, "0547_JEUGD_2024H1.csv");

        assertRefused(id, leiden, "SWV-HR", "Het bestand 0546_JEUGD_2024H1.csv is van Leiden (0546), maar is"
                + " aangeleverd voor Leiderdorp (0547).");
        assertThat(leiderdorp.get("status").asText()).isEqualTo("FORWARDED");
        assertReachedCbsAs(id, leiderdorp, "0547");
    }

    @Test
    void aZipTheSamenwerkingsverbandDeliversForItselfGoesToCbsFileByFileAsEachMembersAndRefusesAnOutsider()
            throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("0546_SBO_2024H2.csv", gmsd("SBO", "0546", 2024));
        files.put("0547_SBO_2024H2.csv", gmsd("SBO", "0547", 2024));
        files.put("0363_SBO_2024H2.csv", gmsd("SBO", "0363", 2024));
        String id = deliver("holland-rijnland-sbo.zip", "demo-SWV-HR", "application/zip", Zips.zip(files));

        JsonNode trace = awaitForwarded(id, 2);

        assertReachedCbsAs(id, entryNamed(trace, "0546_SBO_2024H2.csv"), "0546");
        assertReachedCbsAs(id, entryNamed(trace, "0547_SBO_2024H2.csv"), "0547");
        assertRefused(id, entryNamed(trace, "0363_SBO_2024H2.csv"), "SWV-HR", "Het bestand 0363_SBO_2024H2.csv is van"
                + " Amsterdam (0363), maar die gemeente hoort niet bij Holland Rijnland (SWV-HR).");
    }

    // ------------------------------------------------------------------------------------------------ assertions

    /**
     * The entry is REJECTED with GGK003, its Fo01 in {@code outbox/<org>/} says {@code reason}, its original is in
     * quarantine, and nothing of it went to CBS.
     */
    private void assertRefused(String id, JsonNode entry, String org, String reason) throws IOException {
        assertThat(entry.get("status").asText()).as(entry.toString()).isEqualTo("REJECTED");
        assertThat(entry.get("fo01").get("code").asText()).isEqualTo("GGK003");
        String fo01File = entry.get("fo01").get("file").asText();
        assertThat(fo01File).startsWith(org + "/");
        String fo01 = Files.readString(data("outbox/" + fo01File));
        assertThat(fo01).contains("<StUF:code>GGK003</StUF:code>")
                .contains("<StUF:omschrijving>Verkeerde gemeente. " + reason);
        assertThat(entry.toString()).contains("GGK003 Verkeerde gemeente. " + reason);
        assertThat(quarantined(org, id)).as("the original is kept in quarantine").isNotEmpty();
        assertThat(cbsMessages().forEntry(id, entry.get("index").asInt())).as("nothing forwarded to CBS").isEmpty();
        assertThat(entry.toString()).doesNotContain("verzonden naar CBS");
    }

    /** The entry went to CBS once, as {@code gemeente}'s file (the zender of the hub's Di01). */
    private void assertReachedCbsAs(String id, JsonNode entry, String gemeente) {
        assertThat(entry.get("status").asText()).as(entry.toString()).isEqualTo("FORWARDED");
        CbsMessages.CbsMessage message = cbsMessages().forEntry(id, entry.get("index").asInt()).orElseThrow();
        assertThat(message.gemeente()).isEqualTo(gemeente);
        JsonNode receipts = json(get("/sim/cbs/receipts", null).body());
        assertThat(receipts.path(message.referentienummer()).asInt()).isEqualTo(1);
    }

    private JsonNode awaitForwarded(String id, int forwarded) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id, "demo-SWV-HR"), t -> {
                    JsonNode counts = t.get("counts");
                    return counts != null && counts.path("FORWARDED").asInt() == forwarded
                            && counts.path("REJECTED").asInt() == t.get("entries").size() - forwarded;
                });
    }

    private static JsonNode entryNamed(JsonNode trace, String name) {
        for (JsonNode entry : trace.get("entries")) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + name + " in " + trace);
    }

    private CbsMessages cbsMessages() {
        return context.getRegistry().lookupByNameAndType("cbsMessages", CbsMessages.class);
    }

    private List<String> quarantined(String org, String deliveryId) throws IOException {
        return filesUnder("quarantine/" + org).stream().filter(f -> f.contains(deliveryId))
                .filter(f -> !f.startsWith(".part-")).toList();
    }

    private List<String> outboxFiles(String org) throws IOException {
        return filesUnder("outbox/" + org);
    }

    private List<String> filesUnder(String folder) throws IOException {
        Path dir = data(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }

    private List<String> feedTexts(String key) {
        HttpResponse<String> response = get("/api/v1/activity?size=200", key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("items").findValuesAsText("tekst");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    // ------------------------------------------------------------------------------------------------ doors

    private static byte[] soap(String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"" + SOAP11
                + "\"><soapenv:Body>" + message.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "")
                + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /** A portal user's session: its cookie and CSRF token. */
    private record PortalSession(String cookie, String csrf) {
    }

    private PortalSession login(String user) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(portal("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"gebruikersnaam\":\"" + user + "\",\"wachtwoord\":\""
                        + DemoUsers.PASSWORD + "\"}"))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return new PortalSession(cookie, json(response.body()).get("csrfToken").asText());
    }

    /** What the portal's Aanleveren sends: one multipart POST with the chosen member as X-Organisation. */
    private HttpResponse<String> portalUpload(PortalSession session, String member, String name, byte[] content) {
        String boundary = "----gemeente-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(portal("/api/v1/deliveries"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrf())
                .header("X-Organisation", member)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    private URI portal(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
