package nl.ggk.hub.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nl.ggk.hub.io.NonClosingOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A request of nearly 25 MB is read in a JVM whose heap (32 MB) could not hold its base64 text as one String
 * (2 bytes a character: ~48 MB): the codec, the schema check and the fingerprint must stream.
 */
// its hubs are processes of their own: it runs beside the other classes (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
class SoapCodecMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aNearly25MegabyteRequestIsReadWithA32MegabyteHeap() throws Exception {
        byte[] content = new byte[18 * 1024 * 1024];
        new Random(11).nextBytes(content);
        String head = SoapCodecTest.soap(SoapCodecTest.sample(SoapCodecTest.TEKST), "soapenv", null);
        String placeholder = "SGllciBzdGFhdCBlZW4gZHVtbXktdGVrc3RiZXJpY2h0Lg==";
        int cut = head.indexOf(placeholder);
        Path request = dir.resolve("request.xml");
        try (OutputStream out = Files.newOutputStream(request)) {
            out.write(head.substring(0, cut).getBytes(StandardCharsets.UTF_8));
            // one line, as the official samples and the hub's own writer do
            try (OutputStream base64 = Base64.getEncoder().wrap(new NonClosingOutputStream(out))) {
                base64.write(content);
            }
            out.write(head.substring(cut + placeholder.length()).getBytes(StandardCharsets.UTF_8));
        }
        content = null; // the file is the test's input from here on
        Path payload = dir.resolve("payload.bin");
        Path log = dir.resolve("run.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-cp", classpath,
                SmallHeapRead.class.getName(), request.toString(), payload.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();

        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.size(request)).isGreaterThan(24L * 1024 * 1024);
        assertThat(Files.size(payload)).isEqualTo(18L * 1024 * 1024);
        assertThat(Files.readString(log)).contains("payloadBytes=" + 18L * 1024 * 1024);
    }
}
