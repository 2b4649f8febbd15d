package nl.ggk.hub.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The data root ({@code ggk.data-dir}) with its folders, created at start-up. */
public record DataRoot(Path root) {

    public static final List<String> FOLDERS = List.of("inbox", "outbox", "outbound", "archive", "quarantine",
            "store", "work");

    public static DataRoot create(String dataDir) throws IOException {
        Path root = Path.of(dataDir).toAbsolutePath().normalize();
        for (String folder : FOLDERS) {
            Files.createDirectories(root.resolve(folder));
        }
        return new DataRoot(root);
    }

    public Path resolve(String folder) {
        return root.resolve(folder);
    }
}
