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

    /** The text of {@code node}, the value of {@code key}, which must be a single value (a scalar). */
    static String scalarText(YamlNode node, String key) {
        if (!(node instanceof Scalar scalar)) {
            throw new YamlValueException(node.line(), "'" + key + "' must be a single value, not a list or mapping");
        }
        return scalar.text();
    }

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

        /** The value of {@code key}, or null when the key is absent or its value is null. */
        public YamlNode value(String key) {
            Entry entry = entry(key);
            return entry == null || entry.value() instanceof Scalar s && s.isNull() ? null : entry.value();
        }

        /** The text of {@code key}'s single value, or null; a list or mapping there is a {@link YamlValueException}. */
        public String text(String key) {
            YamlNode node = value(key);
            return node == null ? null : scalarText(node, key);
        }

        /** The items of {@code key}'s list (none when absent). */
        public List<YamlNode> items(String key) {
            YamlNode node = value(key);
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof Sequence sequence)) {
                throw new YamlValueException(node.line(), "'" + key + "' must be a list");
            }
            return sequence.items();
        }

        /** The texts of {@code key}'s list of single values (none when absent). */
        public List<String> texts(String key) {
            List<String> texts = new java.util.ArrayList<>();
            for (YamlNode item : items(key)) {
                texts.add(scalarText(item, key));
            }
            return texts;
        }

        /** {@code key}'s true or false (YAML 1.2's spellings); false when absent. */
        public boolean bool(String key) {
            String text = text(key);
            if (text == null) {
                return false;
            }
            return switch (text) {
                case "true", "True", "TRUE" -> true;
                case "false", "False", "FALSE" -> false;
                default -> throw new YamlValueException(value(key).line(),
                        "'" + key + "' must be true or false; got '" + text + "'");
            };
        }

        /** {@code key}'s whole number; 0 when absent. */
        public int integer(String key) {
            String text = text(key);
            if (text == null) {
                return 0;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new YamlValueException(value(key).line(),
                        "'" + key + "' must be a whole number; got '" + text + "'");
            }
        }
    }

    /** One key of a mapping, with the line of the key (where an unknown key is reported). */
    record Entry(String key, int keyLine, YamlNode value) {
    }
}
