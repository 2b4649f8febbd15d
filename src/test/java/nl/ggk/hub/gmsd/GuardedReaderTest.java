package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuardedReaderTest {

    private static String readCharByChar(GuardedReader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] one = new char[1];
        int read;
        while ((read = reader.read(one, 0, 1)) >= 0) {
            assertThat(read).as("a read of one char makes progress").isEqualTo(1);
            text.append(one[0]);
        }
        return text.toString();
    }

    @Test
    void decodesUtf8IncludingCharactersOutsideTheBmpEvenWithOneCharReads() throws IOException {
        String text = "a\u00EB\u20AC\uD83D\uDE00b\r\nc\n";
        Findings findings = new Findings(ValidationSettings.DEFAULTS);
        GuardedReader reader = new GuardedReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                findings, 10_000, false, false);

        assertThat(readCharByChar(reader)).isEqualTo(text);
        assertThat(findings.total()).isZero();
    }

    @Test
    void overlongAndSurrogateEncodingsAreInvalidUtf8() throws IOException {
        byte[] bytes = {'a', (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
        Findings findings = new Findings(ValidationSettings.DEFAULTS);
        GuardedReader reader = new GuardedReader(new ByteArrayInputStream(bytes), findings, 10_000, false, false);

        String text = readCharByChar(reader);

        assertThat(text).startsWith("a\uFFFD").endsWith("\n");
        assertThat(findings.ruleResults()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("encoding");
            assertThat(r.count()).isEqualTo(5);
            assertThat(r.examples().get(0).explanation()).contains("byte 2;").contains("bestand: byte 1.");
        });
    }
}
