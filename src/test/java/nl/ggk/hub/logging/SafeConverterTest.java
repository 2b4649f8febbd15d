package nl.ggk.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

/** The hub's log layout, as configured in log4j2.properties, applied to hostile and ordinary messages. */
class SafeConverterTest {

    private static final PatternLayout LAYOUT = PatternLayout.newBuilder()
            .withConfiguration(new DefaultConfiguration())
            .withPattern(configuredPattern())
            .build();

    private static String line(String message) {
        return line(message, null, null);
    }

    private static String line(String message, Throwable thrown, String deliveryId) {
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        if (deliveryId != null) {
            mdc.putValue("GgkDeliveryId", deliveryId);
        }
        return LAYOUT.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("nl.ggk.hub.Intake")
                .setLevel(Level.WARN).setMessage(new SimpleMessage(message)).setThrown(thrown)
                .setContextData(mdc).build());
    }

    @Test
    void aFileNameWithCrLfStaysOnOneLogLine() {
        String logged = line("Refused JMS delivery x.xml\r\n12:00:00.000 INFO  [] Intake - all fine");

        assertThat(logged.split("\n", -1)).as(logged).hasSize(2).endsWith("");
        assertThat(logged).contains("x.xml\\r\\n12:00:00.000 INFO");
    }

    @Test
    void otherControlCharactersAreEscapedToo() {
        String logged = line("bell\u0007 escape\u001b[31m nel\u0085 ls\u2028 rtl\u202e tab\t end");

        assertThat(logged).contains("bell\\u0007 escape\\u001b[31m nel\\u0085 ls\\u2028 rtl\\u202e tab\\t end");
        assertThat(logged.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    }

    @Test
    void mdcValuesFromOutsideAreNeutralisedLikeTheMessage() {
        String logged = line("accepted", null, "forged\n12:00:00.000 ERROR");

        assertThat(logged.split("\n", -1)).hasSize(2);
        assertThat(logged).contains("[forged\\n12:00:00.000 ERROR]");
    }

    @Test
    void aStandaloneNumberPassingTheElfproefIsMaskedAsABsn() {
        assertThat(line("file bsn-999990019.csv for 123456782, _111222333_"))
                .contains("bsn-*****0019.csv for *****6782, _*****2333_")
                .doesNotContain("999990019").doesNotContain("123456782").doesNotContain("111222333");
    }

    @Test
    void nineDigitsFailingTheElfproefAndDigitsInsideLongerRunsStayReadable() {
        String logged = line("quarantine/0384/20261201T123456782-WMO301.xml ref 123456789 id a123456782 "
                + "order 1234567820 phone 0612345678 code 0384");

        assertThat(logged).contains("20261201T123456782-WMO301.xml", "ref 123456789", "id a123456782",
                "order 1234567820", "phone 0612345678", "code 0384");
    }

    @Test
    void maskingSeesTheNumberBeforeEscapingRunsItIntoALetter() {
        assertThat(line("name\n123456782")).contains("name\\n*****6782").doesNotContain("123456782");
    }

    @Test
    void stackTracesKeepTheirFramesButNotForgedLinesOrBsns() {
        IllegalStateException cause = new IllegalStateException("cannot read 123456782.csv\nFORGED LINE");
        RuntimeException thrown = new RuntimeException("delivery failed", cause);

        String logged = line("step failed", thrown, null);

        assertThat(logged).contains("java.lang.RuntimeException: delivery failed\n\tat ")
                .contains("Caused by: java.lang.IllegalStateException: cannot read *****6782.csv\\nFORGED LINE")
                .contains("\t... ").doesNotContain("123456782").doesNotContain("\nFORGED");
        assertThat(logged.lines().skip(1)).allMatch(l -> l.startsWith("\tat ") || l.startsWith("\t... ")
                || l.startsWith("java.lang.") || l.startsWith("Caused by: "));
    }

    @Test
    void elfproefIsTheBsnCheck() {
        assertThat(LogText.passesElfproef("999990007")).isTrue();
        assertThat(LogText.passesElfproef("123456782")).isTrue();
        assertThat(LogText.passesElfproef("123456789")).isFalse();
        assertThat(LogText.passesElfproef("12345678")).isFalse();
        assertThat(LogText.passesElfproef("12345678a")).isFalse();
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String message = "Delivery 3f0c9a1e-1b2c-4d5e-8f90-123456789abc accepted via HTTP from 0384 for 0384: "
                + "berichten Diemen – week 48 é.zip";
        assertThat(line(message)).contains(message);
    }

    private static String configuredPattern() {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/log4j2.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ThreadContext.clearAll();
        return properties.getProperty("appender.console.layout.pattern");
    }
}
