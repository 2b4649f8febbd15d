package nl.ggk.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the management port shows of a path under the data root: relative to it, or {@code <data>}. */
class ServerPathsTest {

    @TempDir
    Path dir;

    @Test
    void endpointUrisBecomeRelativeAndOtherMentionsOfTheDataRootBecomeAPlaceholder() throws IOException {
        Path root = Files.createDirectories(dir.resolve("ggk"));
        ServerPaths paths = new ServerPaths(root);
        String abs = root.toAbsolutePath().toString();

        assertThat(paths.mask("file://" + abs + "/outbox")).isEqualTo("file:outbox");
        assertThat(paths.mask("file://" + abs + "/inbox?delay=200&move=..%2Farchive")).isEqualTo("file:inbox?delay=200&move=..%2Farchive");
        assertThat(paths.mask("file:" + abs + "/quarantine")).isEqualTo("file:quarantine");
        assertThat(paths.mask("Cannot write file: " + abs + "/outbox/0363/x.zip")).isEqualTo("Cannot write file: <data>/outbox/0363/x.zip");
        assertThat(paths.mask("dir=" + abs.replace("/", "%2F") + "%2Fwork")).isEqualTo("dir=%3Cdata%3E%2Fwork");
        assertThat(paths.mask("activemq6://queue:ggk.intake")).isEqualTo("activemq6://queue:ggk.intake");
        assertThat(paths.mentions("file://" + abs + "/outbox")).isTrue();
        assertThat(paths.mentions("file:outbox")).isFalse();
    }

    @Test
    void aLinkedDataRootIsMaskedInItsRealFormToo() throws IOException {
        Path real = Files.createDirectories(dir.resolve("echte-schijf/ggk"));
        Path link = Files.createSymbolicLink(dir.resolve("ggk-link"), real);
        ServerPaths paths = new ServerPaths(link);

        assertThat(paths.mask("file://" + real.toRealPath() + "/outbox")).isEqualTo("file:outbox");
        assertThat(paths.mask("file://" + link.toAbsolutePath() + "/outbox")).isEqualTo("file:outbox");
    }

    @Test
    void aHealthCheckResultShowsNoServerPathInItsMessageErrorOrDetails() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ggk"));
        String abs = root.toAbsolutePath().toString();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            DefaultHealthCheckRegistry camel = new DefaultHealthCheckRegistry(context);
            camel.register(new AbstractHealthCheck("ggk", "schijf") {
                @Override
                protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                    builder.detail("endpoint.uri", "file://" + abs + "/inbox?delay=200").detail("free.bytes", 12L)
                            .message("Consumer failed polling 1 times route: intake-folder (file://" + abs + "/inbox)")
                            .error(new IllegalStateException("poll failed",
                                    new IOException("Cannot read " + abs + "/inbox/0363")))
                            .down();
                }
            });
            PathMaskingHealthCheckRegistry masking = new PathMaskingHealthCheckRegistry(camel, new ServerPaths(root));

            HealthCheck check = masking.stream().filter(c -> c.getId().equals("schijf")).findFirst().orElseThrow();
            HealthCheck.Result result = check.call();

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getCheck().getId()).isEqualTo("schijf");
            assertThat(result.getMessage()).hasValue("Consumer failed polling 1 times route: intake-folder (file:inbox)");
            assertThat(result.getDetails()).containsEntry("endpoint.uri", "file:inbox?delay=200")
                    .containsEntry("free.bytes", 12L);
            assertThat(result.getError().orElseThrow().getMessage()).contains("poll failed")
                    .contains("Cannot read <data>/inbox/0363").doesNotContain(abs);
            assertThat(result.getError().orElseThrow().getCause()).isNull();
        }
    }
}
