package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.Zips;
import org.junit.jupiter.api.Test;

/**
 * {@code dlq} and {@code resend} against a running hub, as an operator on the command line: the iWmo channel's folder
 * is gone (a file where the folder should be), a message ends in DLQ.ggk.outbound.iwmo; the operator lists it, reads
 * why, replays it once the folder is back, and the message reaches the folder exactly once. A poison message is
 * discarded with a reason. Without a hub the command says so.
 */
class OperatorCommandTest extends HubTestSupport {

    private static final Pattern ENTRY = Pattern.compile("(?m)^(\\S+)\\n  at \\S+  delivery (\\S+)");

    private record Run(int exit, String out, String err) {
    }

    /** Delivers WMO301 while the iWmo channel's folder is a file: it ends FAILED, its entry in the DLQ. */
    private String deliveredWhileTheChannelIsDown() throws IOException {
        Path folder = data("outbound/iwmo");
        Path aside = data("outbound/iwmo.aside");
        Files.createDirectories(folder);
        Files.move(folder, aside);
        try {
            Files.writeString(folder, "not a folder");
            String id = deliver("WMO301.xml", "demo-0384", "application/xml",
                    Zips.istandaardenSamples().get("WMO301.xml"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> delivery(id, "demo-0384").get("status").asText(), "FAILED"::equals);
            return id;
        } finally {
            Files.deleteIfExists(folder);
            Files.move(aside, folder);
        }
    }

    @Test
    void resendSendsADeliverysDeadLettersBackToTheirChannel() throws Exception {
        String id = deliveredWhileTheChannelIsDown();
        Run resend = run("resend", id);
        assertThat(resend.exit()).as(resend.err()).isZero();
        assertThat(resend.out()).contains("1 bericht van levering " + id + " opnieuw aangeboden.");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> delivery(id, "demo-0384").get("status").asText(), "FORWARDED"::equals);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> filesOf(data("outbound/iwmo"), id).size() == 1);
    }

    @Test
    void anOperatorReplaysADeadLetterFromTheCommandLineAndItArrivesOnce() throws Exception {
        Path folder = data("outbound/iwmo");
        String id = deliveredWhileTheChannelIsDown();

        Run queues = run("dlq", "list");
        assertThat(queues.exit()).as(queues.err()).isZero();
        assertThat(queues.out()).containsPattern("DLQ\\.ggk\\.outbound\\.iwmo +[1-9]");

        Run list = run("dlq", "list", "ggk.outbound.iwmo");
        String messageId = null;
        Matcher m = ENTRY.matcher(list.out());
        while (m.find()) {
            if (m.group(2).equals(id)) {
                messageId = m.group(1);
            }
        }
        assertThat(messageId).as(list.out()).isNotNull();

        Run show = run("dlq", "show", "ggk.outbound.iwmo", messageId);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("delivery:   " + id + " (WMO301.xml from 0384").contains("reason:     ")
                .contains("GgkDeliveryId: " + id).doesNotContain(dataDir.toString());
        assertThat(show.out()).containsPattern("reason: +\\S+");

        Run replay = run("dlq", "replay", "ggk.outbound.iwmo", messageId);
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("1 bericht opnieuw aangeboden aan ggk.outbound.iwmo.");

        JsonNode trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> delivery(id, "demo-0384"), t -> "FORWARDED".equals(t.get("status").asText()));
        assertThat(trace.get("entries").get(0).get("events").findValuesAsText("status")).contains("REPLAYED");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> filesOf(folder, id).size() == 1);

        // nothing of it is dead any more: a resend has nothing to send
        Run resend = run("resend", id);
        assertThat(resend.exit()).isEqualTo(OperatorCommand.REFUSED);
        assertThat(resend.err()).contains("Niets opnieuw te versturen");
    }

    @Test
    void aPoisonMessageIsDiscardedWithAReasonAndTheLogSaysWho() throws Exception {
        template.sendBody("activemq6:queue:ggk.outbound.svb", "dit is geen batch");
        String messageId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Matcher m = Pattern.compile("(?m)^(\\S+)\\n").matcher(run("dlq", "list", "ggk.outbound.svb").out());
            return m.find() ? m.group(1) : null;
        }, v -> v != null);

        Run discard = run("dlq", "discard", "ggk.outbound.svb", messageId, "--reason", "kapot testbericht");
        assertThat(discard.exit()).as(discard.err()).isZero();
        assertThat(discard.out()).contains("1 bericht verwijderd uit DLQ.ggk.outbound.svb.");
        assertThat(run("dlq", "show", "ggk.outbound.svb", messageId).exit()).isEqualTo(OperatorCommand.REFUSED);
        Run usage = run("dlq", "discard", "ggk.outbound.svb", messageId);
        assertThat(usage.exit()).isEqualTo(OperatorCommand.USAGE);
        assertThat(usage.err()).contains("--reason");
    }

    @Test
    void withoutARunningHubTheCommandSaysSo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Run run = run(Map.of("GGK_HTTP_PORT", String.valueOf(port), "GGK_OPERATOR_PASSWORD", "x"), "dlq", "list");
        assertThat(run.exit()).isEqualTo(OperatorCommand.NO_HUB);
        assertThat(run.err()).contains("No hub answers at http://127.0.0.1:" + port).contains("GGK_HTTP_PORT");
    }

    private Run run(String... args) {
        return run(Map.of("GGK_HTTP_PORT", String.valueOf(httpPort), "GGK_OPERATOR_PASSWORD", "Welkom-demo-2026"),
                args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new OperatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env::get)
                .execute(args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<Path> filesOf(Path folder, String deliveryId) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(deliveryId)).toList();
        }
    }
}
