package nl.ggk.hub.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fast reader of {@link YamlReader}: YAML in the plain block style only. It reads block mappings and block
 * sequences by their indentation (spaces), keys that are plain words or quoted, one-line values that are plain,
 * single- or double-quoted scalars or flow sequences of such scalars ({@code [UTF-8, "01"]}), and comments. At the
 * first thing outside that (a tab, an anchor, a flow mapping, a multi-line scalar, an indentation it does not
 * expect, ...) it gives up with {@link NotPlainBlockStyle} and SnakeYAML reads the document; so it never has to
 * judge an error, and what it does read means what it means in YAML.
 */
final class BlockYaml {

    /** The document uses YAML this reader leaves to SnakeYAML. */
    static final class NotPlainBlockStyle extends Exception {
        NotPlainBlockStyle() {
            super(null, null, false, false);
        }
    }

    private static final NotPlainBlockStyle NOT_PLAIN = new NotPlainBlockStyle();

    /** A line with content: its number (1-based), its indentation and the text after it. */
    private record Line(int number, int indent, String text) {
    }

    private final List<Line> lines;
    private int next;

    private BlockYaml(List<Line> lines) {
        this.lines = lines;
    }

    static YamlNode read(String text) throws NotPlainBlockStyle, YamlException {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.substring(indent);
            if (content.indexOf('\t') >= 0 || content.indexOf('\r') >= 0) {
                throw NOT_PLAIN;
            }
            if (!content.isEmpty() && content.charAt(0) != '#') {
                if (indent == 0 && (content.startsWith("---") || content.startsWith("...")
                        || content.startsWith("%"))) {
                    throw NOT_PLAIN;
                }
                lines.add(new Line(number, indent, content));
            }
            start = end + 1;
        }
        if (lines.isEmpty()) {
            return null;
        }
        BlockYaml reader = new BlockYaml(lines);
        YamlNode root = reader.block(lines.get(0).indent());
        if (reader.next < lines.size()) {
            throw NOT_PLAIN;
        }
        return root;
    }

    private YamlNode block(int indent) throws NotPlainBlockStyle, YamlException {
        return isItem(lines.get(next).text()) ? sequence(indent) : mapping(indent);
    }

    private YamlNode.Sequence sequence(int indent) throws NotPlainBlockStyle, YamlException {
        int first = lines.get(next).number();
        List<YamlNode> items = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent() == indent && isItem(lines.get(next).text())) {
            Line line = lines.get(next);
            int offset = 1;
            while (offset < line.text().length() && line.text().charAt(offset) == ' ') {
                offset++;
            }
            String content = line.text().substring(offset);
            if (content.isEmpty() || content.charAt(0) == '#') {
                next++;
                items.add(nested(indent, line.number(), false));
            } else if (isItem(content)) {
                throw NOT_PLAIN;
            } else if (keyEnd(content) > 0) {
                // "- name: x": a mapping that starts after the dash, its further keys below at the same column
                lines.set(next, new Line(line.number(), indent + offset, content));
                items.add(mapping(indent + offset));
            } else {
                next++;
                items.add(value(content, line.number()));
            }
        }
        if (next < lines.size() && lines.get(next).indent() > indent) {
            throw NOT_PLAIN;
        }
        return new YamlNode.Sequence(items, first);
    }

    private YamlNode.Mapping mapping(int indent) throws NotPlainBlockStyle, YamlException {
        int first = lines.get(next).number();
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        while (next < lines.size() && lines.get(next).indent() == indent && !isItem(lines.get(next).text())) {
            Line line = lines.get(next);
            int colon = keyEnd(line.text());
            if (colon <= 0) {
                throw NOT_PLAIN;
            }
            String key = key(line.text().substring(0, colon));
            String rest = line.text().substring(colon + 1).strip();
            next++;
            YamlNode value = rest.isEmpty() || rest.charAt(0) == '#' ? nested(indent, line.number(), true)
                    : value(rest, line.number());
            if (!keys.add(key)) {
                throw new YamlException(line.number(), YamlReader.duplicate(key), null);
            }
            entries.add(new YamlNode.Entry(key, line.number(), value));
        }
        if (next < lines.size() && lines.get(next).indent() > indent) {
            throw NOT_PLAIN;
        }
        return new YamlNode.Mapping(entries, first);
    }

    /** The value of a key or dash with nothing after it: the block below it, or null. */
    private YamlNode nested(int indent, int number, boolean sequenceMayShareIndent)
            throws NotPlainBlockStyle, YamlException {
        if (next < lines.size()) {
            Line below = lines.get(next);
            if (below.indent() > indent) {
                return block(below.indent());
            }
            if (sequenceMayShareIndent && below.indent() == indent && isItem(below.text())) {
                return sequence(indent);
            }
        }
        return new YamlNode.Scalar("", true, number);
    }

    private static boolean isItem(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    /** The index of the colon that ends a key at the start of {@code text}, or -1 when it is no key. */
    private static int keyEnd(String text) {
        char first = text.charAt(0);
        int colon;
        if (first == '"' || first == '\'') {
            colon = text.indexOf(first, 1) + 1;
            if (colon <= 0 || colon >= text.length() || text.charAt(colon) != ':') {
                return -1;
            }
        } else {
            colon = 0;
            while (colon < text.length() && isWordChar(text.charAt(colon))) {
                colon++;
            }
            if (colon == 0 || colon >= text.length() || text.charAt(colon) != ':') {
                return -1;
            }
        }
        return colon + 1 == text.length() || text.charAt(colon + 1) == ' ' ? colon : -1;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                || c == '.';
    }

    private static String key(String text) throws NotPlainBlockStyle {
        char first = text.charAt(0);
        if (first == '"' || first == '\'') {
            String inner = text.substring(1, text.length() - 1);
            if (inner.indexOf('\\') >= 0 || inner.indexOf('"') >= 0 || inner.indexOf('\'') >= 0) {
                throw NOT_PLAIN;
            }
            return inner;
        }
        return text;
    }

    /** A value on the line of its key or dash: a scalar or a flow sequence of scalars, then at most a comment. */
    private static YamlNode value(String text, int number) throws NotPlainBlockStyle {
        char first = text.charAt(0);
        if (first == '[') {
            return flowSequence(text, number);
        }
        if (first == '"' || first == '\'') {
            int[] end = new int[1];
            String scalar = quoted(text, 0, end);
            requireOnlyComment(text, end[0]);
            return new YamlNode.Scalar(scalar, false, number);
        }
        if ("{]},&*!|>%@`?:".indexOf(first) >= 0 || first == '-' && (text.length() == 1 || text.charAt(1) == ' ')) {
            throw NOT_PLAIN;
        }
        int comment = text.indexOf(" #");
        String plain = (comment < 0 ? text : text.substring(0, comment)).strip();
        if (plain.contains(": ") || plain.endsWith(":")) {
            throw NOT_PLAIN;
        }
        return new YamlNode.Scalar(plain, true, number);
    }

    private static YamlNode.Sequence flowSequence(String text, int number) throws NotPlainBlockStyle {
        List<YamlNode> items = new ArrayList<>();
        int i = skipSpaces(text, 1);
        if (i < text.length() && text.charAt(i) == ']') {
            requireOnlyComment(text, i + 1);
            return new YamlNode.Sequence(items, number);
        }
        while (true) {
            if (i >= text.length()) {
                throw NOT_PLAIN;
            }
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int[] end = new int[1];
                items.add(new YamlNode.Scalar(quoted(text, i, end), false, number));
                i = end[0];
            } else {
                int start = i;
                while (i < text.length() && (isWordChar(text.charAt(i)) || text.charAt(i) == '+')) {
                    i++;
                }
                if (i == start || c == '-' && i == start + 1) {
                    throw NOT_PLAIN;
                }
                items.add(new YamlNode.Scalar(text.substring(start, i), true, number));
            }
            i = skipSpaces(text, i);
            if (i >= text.length()) {
                throw NOT_PLAIN;
            }
            if (text.charAt(i) == ']') {
                requireOnlyComment(text, i + 1);
                return new YamlNode.Sequence(items, number);
            }
            if (text.charAt(i) != ',') {
                throw NOT_PLAIN;
            }
            i = skipSpaces(text, i + 1);
        }
    }

    /** A quoted scalar starting at {@code start}; {@code end[0]} is set to the index after the closing quote. */
    private static String quoted(String text, int start, int[] end) throws NotPlainBlockStyle {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                end[0] = i + 1;
                return value.toString();
            }
            if (c == '\\' && quote == '"') {
                if (i + 1 >= text.length()) {
                    throw NOT_PLAIN;
                }
                char escaped = text.charAt(i + 1);
                switch (escaped) {
                    case '\\', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    default -> throw NOT_PLAIN;
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        throw NOT_PLAIN;
    }

    private static void requireOnlyComment(String text, int from) throws NotPlainBlockStyle {
        if (from >= text.length()) {
            return;
        }
        if (text.charAt(from) != ' ') {
            throw NOT_PLAIN;
        }
        int i = skipSpaces(text, from);
        if (i < text.length() && text.charAt(i) != '#') {
            throw NOT_PLAIN;
        }
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
