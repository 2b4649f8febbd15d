package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped Artemis settings ({@code config/artemis/broker.properties}) keep up with the routes: every queue the
 * hub uses is declared with its own {@code DLQ.<queue>} as dead-letter address, and the broker's number of
 * deliveries is the embedded broker's ({@code ggk.broker.redeliveries} + 1). A queue added to {@code routes/} without
 * its line there would dead-letter into Artemis' single {@code DLQ} on a production broker.
 */
class ArtemisSettingsTest {

    private static final Pattern QUEUE = Pattern.compile("activemq6:queue:([A-Za-z0-9_.{}-]+)");
    private static final Pattern KIND = Pattern.compile("- name: kind\\s+value: ([a-z]+)");

    @Test
    void everyQueueOfTheRoutesHasItsOwnDeadLetterQueue() throws IOException {
        Properties settings = load(Path.of("config/artemis/broker.properties"));
        Set<String> queues = queuesOfTheRoutes();
        assertThat(queues).contains("ggk.inbound", "ggk.cbs.outbound", "ggk.outbound.iwmo");

        for (String queue : queues) {
            assertThat(settings.getProperty("addressSettings.\"" + queue + "\".deadLetterAddress"))
                    .as("dead-letter address of " + queue).isEqualTo("DLQ." + queue);
            for (String declared : new String[] {queue, "DLQ." + queue}) {
                assertThat(settings.getProperty("addressConfigurations.\"" + declared + "\".routingTypes"))
                        .as(declared + " declared").isEqualTo("ANYCAST");
                assertThat(settings.getProperty("addressConfigurations.\"" + declared + "\".queueConfigs.\""
                        + declared + "\".routingType")).as("queue " + declared).isEqualTo("ANYCAST");
            }
        }
    }

    @Test
    void aMessageIsDeliveredAsOftenAsOnTheEmbeddedBroker() throws IOException {
        Properties settings = load(Path.of("config/artemis/broker.properties"));
        Properties hub = load(Path.of("config/application.properties"));
        int redeliveries = Integer.parseInt(hub.getProperty("ggk.broker.redeliveries").strip());

        assertThat(settings.getProperty("addressSettings.\"ggk.#\".maxDeliveryAttempts"))
                .isEqualTo(String.valueOf(redeliveries + 1));
    }

    private static Set<String> queuesOfTheRoutes() throws IOException {
        Set<String> queues = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String routes = Files.readString(file);
                Matcher queue = QUEUE.matcher(routes);
                while (queue.find()) {
                    queues.add(queue.group(1));
                }
                Matcher kind = KIND.matcher(routes);
                while (kind.find()) {
                    kinds.add(kind.group(1));
                }
            }
        }
        Set<String> expanded = new TreeSet<>();
        for (String queue : queues) {
            if (queue.startsWith("DLQ.")) {
                continue;
            }
            if (queue.contains("{{kind}}")) {
                kinds.forEach(kind -> expanded.add(queue.replace("{{kind}}", kind)));
            } else {
                expanded.add(queue);
            }
        }
        return expanded;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
