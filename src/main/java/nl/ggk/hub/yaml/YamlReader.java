package nl.ggk.hub.yaml;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a small YAML configuration file (a GMSD specification, the organisation registry) into a {@link YamlNode}
 * tree with line numbers.
 *
 * <p>Files in the plain block style these files are written in (block mappings and sequences, one-line flow
 * sequences, plain and quoted one-line scalars, comments) are read by {@link BlockYaml}, a few hundred lines that
 * cost next to nothing in a fresh JVM: the offline {@code validate} command starts in a fraction of a second instead
 * of spending one to two seconds loading a YAML library. Anything else YAML allows (anchors, multi-line scalars, flow
 * mappings, tabs, ...) and every error goes to SnakeYAML, which composes the same tree or names the line of the
 * problem. Both ways refuse a key that occurs twice in a mapping.
 */
public final class YamlReader {

    private YamlReader() {
    }

    /** The document's root node, or null for an empty document (only comments or nothing). */
    public static YamlNode read(byte[] bytes) throws YamlException {
        String text = strictUtf8(bytes);
        if (text != null) {
            try {
                return BlockYaml.read(text);
            } catch (BlockYaml.NotPlainBlockStyle e) {
                // beyond the fast reader: SnakeYAML reads it (or names the error)
            }
        }
        return composed(bytes);
    }

    /** The same tree, always composed by SnakeYAML (the reference {@link BlockYaml} is tested against). */
    static YamlNode composed(byte[] bytes) throws YamlException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new UnicodeReader(
                    new ByteArrayInputStream(bytes))), options), new Resolver(), options);
            Node root = composer.getSingleNode();
            return root == null ? null : convert(root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                    : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
            String problem = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
            throw new YamlException(line, problem, e);
        } catch (YAMLException e) {
            throw new YamlException(0, e.getMessage(), e);
        }
    }

    private static YamlNode convert(Node node) throws YamlException {
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof ScalarNode scalar) {
            return new YamlNode.Scalar(scalar.getValue(), scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN,
                    line);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item));
            }
            return new YamlNode.Sequence(items, line);
        }
        MappingNode mapping = (MappingNode) node;
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1;
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlException(keyLine, "a key must be a single value", null);
            }
            if (!keys.add(key.getValue())) {
                throw new YamlException(keyLine, duplicate(key.getValue()), null);
            }
            entries.add(new YamlNode.Entry(key.getValue(), keyLine, convert(tuple.getValueNode())));
        }
        return new YamlNode.Mapping(entries, line);
    }

    static String duplicate(String key) {
        return "key '" + key + "' occurs twice in the same mapping";
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
