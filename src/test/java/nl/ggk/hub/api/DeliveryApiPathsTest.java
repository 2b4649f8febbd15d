package nl.ggk.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeliveryApiPathsTest {

    private final DeliveryApi api = new DeliveryApi(null, null, Path.of("/srv/ggk/data"), null, null);

    @Test
    void aFailedEventNamesNoServerPath() {
        assertThat(api.withoutServerPaths("java.nio.file.NoSuchFileException: /srv/ggk/data/store/ab/cd/abcd"))
                .isEqualTo("java.nio.file.NoSuchFileException: store/ab/cd/abcd");
        assertThat(api.withoutServerPaths("cannot write /tmp/hub-1/work/x.part: disk full"))
                .isEqualTo("cannot write [pad]: disk full");
        assertThat(api.withoutServerPaths("C:\\ggk\\data\\store\\x failed")).isEqualTo("[pad] failed");
    }

    @Test
    void ordinaryDetailsStayAsTheyAre() {
        assertThat(api.withoutServerPaths("geweigerd (IB006): text/csv van 0384, 2026/11/01"))
                .isEqualTo("geweigerd (IB006): text/csv van 0384, 2026/11/01");
        assertThat(api.withoutServerPaths(null)).isNull();
    }
}
