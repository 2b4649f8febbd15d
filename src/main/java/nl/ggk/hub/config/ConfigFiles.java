package nl.ggk.hub.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the hub's configuration files come from: a file in the configuration folder on disk ({@code ./config}
 * of the working directory, or {@code GGK_CONFIG_DIR}) wins over the copy packaged in the jar, file by file.
 * So a user edits {@code config/organisations.yaml} beside the jar and restarts; every file not on disk is
 * still read from the jar. {@code application.properties} is merged key by key: a key in the file on disk wins,
 * keys it does not name keep the packaged value.
 */
public final class ConfigFiles {

    /** Environment variable naming the configuration folder. */
    public static final String DIR_ENV = "GGK_CONFIG_DIR";
    /** JVM system property naming it (wins over the environment variable). */
    public static final String DIR_PROPERTY = "ggk.config-dir";
    public static final String DEFAULT_DIR = "config";

    private static final String CLASSPATH = "classpath:";

    private final Path dir;

    public ConfigFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The folder named by {@value #DIR_PROPERTY}, else {@value #DIR_ENV}, else {@code ./config}. */
    public static ConfigFiles fromEnvironment() {
        return fromEnvironment(System::getProperty, System::getenv);
    }

    static ConfigFiles fromEnvironment(Function<String, String> systemProperties, Function<String, String> environment) {
        String dir = Optional.ofNullable(systemProperties.apply(DIR_PROPERTY)).filter(s -> !s.isBlank())
                .orElseGet(() -> Optional.ofNullable(environment.apply(DIR_ENV)).filter(s -> !s.isBlank())
                        .orElse(DEFAULT_DIR));
        return new ConfigFiles(Path.of(dir.strip()));
    }

    /** camel-main's profile as it reads it first: {@code -Dcamel.main.profile} or {@code CAMEL_MAIN_PROFILE}. */
    public static String profileFromEnvironment() {
        return Optional.ofNullable(System.getProperty("camel.main.profile")).filter(s -> !s.isBlank())
                .orElse(System.getenv("CAMEL_MAIN_PROFILE"));
    }

    public Path dir() {
        return dir;
    }

    /**
     * The location to read: {@code classpath:x} becomes {@code file:<config dir>/x} when that file exists; any
     * other location ({@code file:…}, a plain path) is taken as given.
     */
    public String resolve(String location) {
        return onDisk(location).map(path -> "file:" + path).orElse(location == null ? null : location.strip());
    }

    /** The file on disk that replaces the packaged {@code location}, if there is one. */
    public Optional<Path> onDisk(String location) {
        String trimmed = location == null ? "" : location.strip();
        if (!trimmed.startsWith(CLASSPATH)) {
            return Optional.empty();
        }
        String relative = trimmed.substring(CLASSPATH.length());
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path candidate = dir.resolve(relative).normalize();
        // a location naming ../ must not read outside the configuration folder
        return candidate.startsWith(dir) && Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * camel-main's property locations, highest precedence first (Camel takes a key from the first location
     * that has it): the profile's and the main file on disk, then the packaged ones. All are optional.
     */
    public String propertyLocations(String profile) {
        List<String> locations = new ArrayList<>();
        if (profile != null && !profile.isBlank()) {
            locations.add(fileLocation("application-" + profile.strip() + ".properties"));
        }
        locations.add(fileLocation("application.properties"));
        if (profile != null && !profile.isBlank()) {
            locations.add(CLASSPATH + "application-" + profile.strip() + ".properties;optional=true");
        }
        locations.add(CLASSPATH + "application.properties;optional=true");
        return String.join(",", locations);
    }

    /** One line for the start-up log: which folder, and which files from it win over the packaged ones. */
    public String describe() {
        if (!Files.isDirectory(dir)) {
            return "Configuration folder " + dir + " not found: every configuration file comes from the packaged copy"
                    + " (set " + DIR_ENV + " to use another folder)";
        }
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(dir, 2)) {
            files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".properties") || f.endsWith(".yaml")).sorted().forEach(found::add);
        } catch (java.io.IOException e) {
            return "Configuration folder " + dir + " cannot be read (" + e.getMessage() + "); packaged copy used";
        }
        return "Configuration folder " + dir + ": " + (found.isEmpty() ? "no files" : String.join(", ", found))
                + " from there win over the packaged copy; every other file comes from the jar";
    }

    private String fileLocation(String name) {
        return "file:" + dir.resolve(name) + ";optional=true";
    }
}
