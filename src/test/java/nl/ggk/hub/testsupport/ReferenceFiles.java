package nl.ggk.hub.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The official reference files, read in place (never copied into the project). */
public final class ReferenceFiles {

    public static final String PROPERTY = "ggk.reference.dir";

    private ReferenceFiles() {
    }

    /** The reference folder, or skips the calling test when it is absent. */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        Path dir = configured == null ? null : Path.of(configured);
        assumeTrue(dir != null && Files.isDirectory(dir),
                "reference files not found: set -D" + PROPERTY + " to the shared/reference folder (was "
                        + configured + "); skipping conformance test");
        return dir;
    }

    /** A file under the reference folder, or skips the calling test when it is absent. */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "reference file missing: " + file + "; skipping conformance test");
        return file;
    }
}
