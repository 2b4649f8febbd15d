package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instant mirror's {@code figures:} of a specification: loaded, and refused where it could keep a BSN. */
class FiguresSpecTest {

    @TempDir
    Path dir;

    @Test
    void theBundledTypesNameTheirFiguresAndOptinHasNone() {
        GmsdSpecifications specs = GmsdSpecifications.loadDefaults();
        FiguresSpec wmo = specs.spec("WMO").orElseThrow().figures();
        assertThat(wmo.clients()).isEqualTo("bsn");
        assertThat(wmo.groupName("03")).isEqualTo("Productcategorie 03 Persoonlijke verzorging");
        assertThat(specs.spec("SBO").orElseThrow().figures().sum()).isEqualTo("aantal_deelnemers");
        assertThat(specs.spec("OPTIN").orElseThrow().figures()).isNull();
    }

    @Test
    void aBsnColumnAsGroupingIsRefusedWithItsLine() throws Exception {
        assertThatThrownBy(() -> load("  group: productcategorie", "  group: bsn"))
                .isInstanceOf(GmsdSpecificationException.class)
                .hasMessageContaining("'figures.group' names column 'bsn', which is not of type code or integer");
    }

    @Test
    void clientsMustBeABsnColumnAndStartNeedsEnd() throws Exception {
        assertThatThrownBy(() -> load("  clients: bsn", "  clients: productcategorie"))
                .hasMessageContaining("'figures.clients' names column 'productcategorie', which is not of type bsn");
        assertThatThrownBy(() -> load("  end: [einddatum]\n", ""))
                .hasMessageContaining("'figures.start' and 'figures.end' go together");
    }

    private GmsdSpecifications load(String from, String to) throws Exception {
        String text = Files.readString(Path.of("config/gmsd/wmo.yaml"));
        assertThat(text).contains(from);
        Path file = dir.resolve("wmo.yaml");
        Files.writeString(file, text.replace(from, to));
        return GmsdSpecifications.load(List.of(file.toString()));
    }
}
