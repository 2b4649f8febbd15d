package nl.ggk.hub.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast block-style reader gives the tree SnakeYAML composes, for every configuration file it is used on; what it
 * does not read itself (other YAML, errors) still reads as YAML, with the line of an error.
 */
class YamlReaderTest {

    private static final List<String> FILES = List.of("config/gmsd/wmo.yaml", "config/gmsd/kostenwmo.yaml",
            "config/gmsd/sbo.yaml", "config/gmsd/jeugd.yaml", "config/gmsd/optin.yaml", "config/organisations.yaml");

    @Test
    void theBundledFilesReadFastGiveTheTreeSnakeYamlComposes() throws Exception {
        for (String file : FILES) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            String text = new String(bytes, StandardCharsets.UTF_8);
            // read by the fast reader itself, not by the fallback
            assertThat(BlockYaml.read(text)).as(file).isNotNull().isEqualTo(YamlReader.composed(bytes));
            assertThat(YamlReader.read(bytes)).as(file).isEqualTo(YamlReader.composed(bytes));
        }
    }

    @Test
    void everyConstructOfTheBlockStyleMeansWhatItMeansInYaml() throws Exception {
        String text = """
                # a comment
                plain: Wmo maatwerkvoorzieningen (basisset)   # trailing comment
                single: 'it''s ; a # not a comment'
                double: "tab\\there \\"quoted\\" \\\\ backslash"
                regex: '(?<gemeentecode>\\d{4})_WMO_(?<jaar>\\d{4})H(?<halfjaar>[12])\\.(?i:csv)'
                number: 0363
                empty:
                tilde: ~
                flow: [UTF-8, windows-1252, "01", '02', 3]
                emptyFlow: []
                url: http://example.org/a#b
                nested:
                  deeper:
                    key: value
                sameIndentList:
                - a
                - b
                items:
                  - name: first
                    codes: ["1", "2"]
                  - name: second
                    title: 'Tweede: met dubbele punt'
                  -
                    name: third
                  - just a value
                labels:
                  "01": Hulp bij het huishouden
                  '02': Begeleiding
                last: true
                """;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        YamlNode fast = BlockYaml.read(text);

        assertThat(fast).isEqualTo(YamlReader.composed(bytes));
        YamlNode.Mapping root = (YamlNode.Mapping) fast;
        assertThat(((YamlNode.Scalar) root.entry("single").value()).text()).isEqualTo("it's ; a # not a comment");
        assertThat(((YamlNode.Scalar) root.entry("empty").value()).isNull()).isTrue();
        assertThat(((YamlNode.Scalar) root.entry("number").value()).text()).isEqualTo("0363");
        assertThat(root.entry("items").value().line()).isEqualTo(19);
    }

    @Test
    void otherYamlIsReadBySnakeYaml() throws Exception {
        String text = """
                base: &base
                  required: true
                copy: *base
                flowMapping: {a: 1, b: [x, y]}
                folded: >
                  one
                  two
                multi: first
                  continued
                """;

        assertThatThrownBy(() -> BlockYaml.read(text)).isInstanceOf(BlockYaml.NotPlainBlockStyle.class);
        YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.read(text.getBytes(StandardCharsets.UTF_8));

        assertThat(root.entry("copy").value()).isEqualTo(root.entry("base").value());
        assertThat(((YamlNode.Scalar) root.entry("folded").value()).text()).isEqualTo("one two\n");
        assertThat(((YamlNode.Scalar) root.entry("multi").value()).text()).isEqualTo("first continued");
        assertThat(((YamlNode.Mapping) root.entry("flowMapping").value()).entry("b").value())
                .isInstanceOf(YamlNode.Sequence.class);
    }

    @Test
    void brokenYamlAndARepeatedKeyNameTheirLine() {
        assertThatThrownBy(() -> YamlReader.read("type: WMO\ncolumns:\n  - name: a\n   type: [date\n"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(YamlException.class, e -> assertThat(e.line()).isBetween(3, 5));
        assertThatThrownBy(() -> YamlReader.read("type: WMO\ntitle: a\ntype: SBO\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(YamlException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("'type'");
                });
        assertThatThrownBy(() -> YamlReader.read("a: &x 1\nb: *x\na: 2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(YamlException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void emptyDocumentIsNull() throws IOException, YamlException {
        assertThat(YamlReader.read("# only a comment\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(YamlReader.read(new byte[0])).isNull();
    }
}
