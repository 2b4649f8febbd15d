package nl.ggk.hub.gmsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.ggk.hub.yaml.YamlNode;

/**
 * Maps the YAML tree of one specification file to a {@link FileSpec}, key by key: an unknown key, a value of the
 * wrong kind (a list where one value belongs, a word where a number belongs, an unknown column type) stops with a
 * {@link GmsdSpecificationException} naming the file and the line. It remembers the line each part starts on, so
 * that the semantic check after it can name lines too.
 */
final class SpecificationReader {

    private static final List<String> FILE_KEYS = List.of("type", "title", "fileName", "separator", "encodings",
            "header", "quotesAllowed", "columns", "conditionals", "dateOrder", "period", "fileRules", "figures");
    private static final List<String> COLUMN_KEYS = List.of("name", "title", "type", "required", "minLength",
            "maxLength", "pattern", "codes", "unknownValues", "matchesFileName");
    private static final List<String> CONDITIONAL_KEYS = List.of("column", "requiredWhen", "emptyOtherwise");
    private static final List<String> DATE_ORDER_KEYS = List.of("earlier", "later");
    private static final List<String> PERIOD_KEYS = List.of("start", "end");
    private static final List<String> FILE_RULE_KEYS = List.of("notEmpty", "gemeentecodeColumn",
            "singleGemeentecode", "gemeentecodeMatchesFileName", "senderMayDeliver");
    private static final List<String> FIGURES_KEYS = List.of("clients", "group", "groupTitle", "groupLabels",
            "start", "end", "sum", "sumTitle", "thresholdPercent");

    private final String location;
    private final Map<Object, Integer> lines;

    /** {@code lines} receives the line of every object read (identity), for the semantic check. */
    SpecificationReader(String location, Map<Object, Integer> lines) {
        this.location = location;
        this.lines = lines;
    }

    FileSpec fileSpec(YamlNode root) {
        YamlNode.Mapping m = mapping(root, FILE_KEYS);
        List<ColumnSpec> columns = new ArrayList<>();
        for (YamlNode item : items(m, "columns")) {
            columns.add(column(item));
        }
        List<ConditionalRule> conditionals = new ArrayList<>();
        for (YamlNode item : items(m, "conditionals")) {
            YamlNode.Mapping c = mapping(item, CONDITIONAL_KEYS);
            conditionals.add(at(c, new ConditionalRule(text(c, "column"), text(c, "requiredWhen"),
                    bool(c, "emptyOtherwise"))));
        }
        List<DateOrderRule> dateOrder = new ArrayList<>();
        for (YamlNode item : items(m, "dateOrder")) {
            YamlNode.Mapping d = mapping(item, DATE_ORDER_KEYS);
            dateOrder.add(at(d, new DateOrderRule(text(d, "earlier"), text(d, "later"))));
        }
        PeriodRule period = null;
        YamlNode periodNode = value(m, "period");
        if (periodNode != null) {
            YamlNode.Mapping p = mapping(periodNode, PERIOD_KEYS);
            period = at(p, new PeriodRule(texts(p, "start"), texts(p, "end")));
        }
        FileRules fileRules = null;
        YamlNode rulesNode = value(m, "fileRules");
        if (rulesNode != null) {
            YamlNode.Mapping r = mapping(rulesNode, FILE_RULE_KEYS);
            fileRules = at(r, new FileRules(bool(r, "notEmpty"), text(r, "gemeentecodeColumn"),
                    bool(r, "singleGemeentecode"), bool(r, "gemeentecodeMatchesFileName"),
                    bool(r, "senderMayDeliver")));
        }
        FiguresSpec figures = null;
        YamlNode figuresNode = value(m, "figures");
        if (figuresNode != null) {
            figures = figures(mapping(figuresNode, FIGURES_KEYS));
        }
        FileSpec spec = new FileSpec(text(m, "type"), text(m, "title"), text(m, "fileName"), text(m, "separator"),
                texts(m, "encodings"), bool(m, "header"), bool(m, "quotesAllowed"), columns, conditionals, dateOrder,
                period, fileRules, figures);
        // the constructor copies the lists: the spec's own lists are the ones the semantic check names
        return at(m, spec);
    }

    private ColumnSpec column(YamlNode item) {
        YamlNode.Mapping c = mapping(item, COLUMN_KEYS);
        return at(c, new ColumnSpec(text(c, "name"), text(c, "title"), columnType(c), bool(c, "required"),
                integer(c, "minLength"), integer(c, "maxLength"), text(c, "pattern"), texts(c, "codes"),
                texts(c, "unknownValues"), text(c, "matchesFileName")));
    }

    private FiguresSpec figures(YamlNode.Mapping f) {
        Map<String, String> labels = new LinkedHashMap<>();
        YamlNode labelsNode = value(f, "groupLabels");
        if (labelsNode != null) {
            if (!(labelsNode instanceof YamlNode.Mapping labelMapping)) {
                throw problem(labelsNode, "'groupLabels' must be a mapping of code to label");
            }
            for (YamlNode.Entry entry : labelMapping.entries()) {
                labels.put(entry.key(), scalarText(entry.value(), entry.key()));
            }
        }
        YamlNode threshold = value(f, "thresholdPercent");
        return at(f, new FiguresSpec(text(f, "clients"), text(f, "group"), text(f, "groupTitle"), labels,
                texts(f, "start"), texts(f, "end"), text(f, "sum"), text(f, "sumTitle"),
                threshold == null ? null : Integer.valueOf(integer(f, "thresholdPercent"))));
    }

    private ColumnType columnType(YamlNode.Mapping c) {
        String type = text(c, "type");
        if (type == null) {
            return null;
        }
        for (ColumnType candidate : ColumnType.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(type)) {
                return candidate;
            }
        }
        throw problem(value(c, "type"), "'type' must be one of date, integer, amount, code, bsn, text; got '"
                + type + "'");
    }

    // ---------------------------------------------------------------- values

    private YamlNode.Mapping mapping(YamlNode node, List<String> known) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw problem(node, "expected keys with values (known: " + known + ")");
        }
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!known.contains(entry.key())) {
                throw new GmsdSpecificationException(location, entry.keyLine(), "unknown key '" + entry.key()
                        + "' (known: " + known + ")", null);
            }
        }
        return mapping;
    }

    /** The value of {@code key}, or null when the key is absent or its value is null. */
    private static YamlNode value(YamlNode.Mapping mapping, String key) {
        YamlNode.Entry entry = mapping.entry(key);
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return null;
        }
        return entry.value();
    }

    private String text(YamlNode.Mapping mapping, String key) {
        YamlNode node = value(mapping, key);
        return node == null ? null : scalarText(node, key);
    }

    private String scalarText(YamlNode node, String key) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            throw problem(node, "'" + key + "' must be a single value, not a list or mapping");
        }
        return scalar.text();
    }

    private List<String> texts(YamlNode.Mapping mapping, String key) {
        List<String> texts = new ArrayList<>();
        for (YamlNode item : items(mapping, key)) {
            texts.add(scalarText(item, key));
        }
        return texts;
    }

    private List<YamlNode> items(YamlNode.Mapping mapping, String key) {
        YamlNode node = value(mapping, key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw problem(node, "'" + key + "' must be a list");
        }
        return sequence.items();
    }

    private boolean bool(YamlNode.Mapping mapping, String key) {
        String text = text(mapping, key);
        if (text == null) {
            return false;
        }
        return switch (text) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw problem(value(mapping, key), "'" + key + "' must be true or false; got '" + text + "'");
        };
    }

    private int integer(YamlNode.Mapping mapping, String key) {
        String text = text(mapping, key);
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw problem(value(mapping, key), "'" + key + "' must be a whole number; got '" + text + "'");
        }
    }

    private <T> T at(YamlNode node, T value) {
        lines.put(value, node.line());
        return value;
    }

    private GmsdSpecificationException problem(YamlNode node, String problem) {
        return new GmsdSpecificationException(location, node == null ? 0 : node.line(), problem, null);
    }
}
