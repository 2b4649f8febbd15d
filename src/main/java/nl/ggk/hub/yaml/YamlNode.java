package nl.ggk.hub.yaml;

import java.util.List;

/**
 * A YAML document as a tree of mappings, sequences and scalars, each with the line (1-based) it starts on, so that a
 * reader of a configuration file can name the line of a problem. Scalars keep their text: what a value means (a
 * number, a boolean, a code "01") is for the reader that knows the field.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** The line (1-based) on which the node starts; for a block mapping, the line of its first key. */
    int line();

    /**
     * A scalar; {@code plain} when it was written without quotes (only a plain {@code null}, {@code ~} or nothing
     * is a null).
     */
    record Scalar(String text, boolean plain, int line) implements YamlNode {
        public boolean isNull() {
            return plain && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null")
                    || text.equals("NULL"));
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping with its keys in file order; a key occurs once ({@link YamlReader} refuses a repeated key). */
    record Mapping(List<Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The entry of {@code key}, or null. */
        public Entry entry(String key) {
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    return entry;
                }
            }
            return null;
        }
    }

    /** One key of a mapping, with the line of the key (where an unknown key is reported). */
    record Entry(String key, int keyLine, YamlNode value) {
    }
}
