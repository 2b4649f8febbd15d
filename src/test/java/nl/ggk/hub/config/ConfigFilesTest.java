package nl.ggk.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileInTheConfigFolderWinsOverThePackagedOneFileByFile() throws Exception {
        Files.createDirectories(dir.resolve("gmsd"));
        Files.writeString(dir.resolve("organisations.yaml"), "gemeenten: []\n");
        Files.writeString(dir.resolve("gmsd/wmo.yaml"), "type: WMO\n");
        ConfigFiles config = new ConfigFiles(dir);

        assertThat(config.resolve("classpath:organisations.yaml")).isEqualTo("file:" + dir.resolve("organisations.yaml"));
        assertThat(config.resolve(" classpath:gmsd/wmo.yaml")).isEqualTo("file:" + dir.resolve("gmsd/wmo.yaml"));
        assertThat(config.resolve("classpath:gmsd/sbo.yaml")).isEqualTo("classpath:gmsd/sbo.yaml");
        assertThat(config.resolve("file:/srv/ggk/organisations.yaml")).isEqualTo("file:/srv/ggk/organisations.yaml");
    }

    @Test
    void aLocationCannotReachOutOfTheConfigFolder() throws Exception {
        Path inside = Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("secret.yaml"), "x");

        assertThat(new ConfigFiles(inside).resolve("classpath:../secret.yaml")).isEqualTo("classpath:../secret.yaml");
    }

    @Test
    void theFolderComesFromTheSystemPropertyThenTheEnvironmentThenTheWorkingDirectory() {
        assertThat(ConfigFiles.fromEnvironment(Map.of("ggk.config-dir", "/a")::get, Map.of("GGK_CONFIG_DIR", "/b")::get)
                .dir()).isEqualTo(Path.of("/a"));
        assertThat(ConfigFiles.fromEnvironment(k -> null, Map.of("GGK_CONFIG_DIR", "/b")::get).dir())
                .isEqualTo(Path.of("/b"));
        assertThat(ConfigFiles.fromEnvironment(k -> null, k -> null).dir())
                .isEqualTo(Path.of("config").toAbsolutePath());
    }

    @Test
    void propertiesOnDiskComeBeforeThePackagedOnesAndTheProfileBeforeTheMainFile() {
        String locations = new ConfigFiles(dir).propertyLocations("prod");

        assertThat(locations.split(",")).containsExactly(
                "file:" + dir.resolve("application-prod.properties") + ";optional=true",
                "file:" + dir.resolve("application.properties") + ";optional=true",
                "classpath:application-prod.properties;optional=true",
                "classpath:application.properties;optional=true");
        assertThat(new ConfigFiles(dir).propertyLocations(null).split(",")).hasSize(2);
    }
}
