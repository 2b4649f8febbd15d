package nl.ggk.hub.gmsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.ggk.hub.yaml.YamlNode;
import nl.ggk.hub.yaml.YamlValueException;

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
        try {
            return read(root);
        } catch (YamlValueException e) {
            throw new GmsdSpecificationException(location, e.line(), e.getMessage(), null);
        }
    }

    private FileSpec read(YamlNode root) {
        YamlNode.Mapping m = mapping(root, FILE_KEYS);
        List<ColumnSpec> columns = new ArrayList<>();
        for (YamlNode item : m.items("columns")) {
            columns.add(column(item));
        }
        List<ConditionalRule> conditionals = new ArrayList<>();
        for (YamlNode item : m.items("conditionals")) {
            YamlNode.Mapping c = mapping(item, CONDITIONAL_KEYS);
            conditionals.add(at(c, new ConditionalRule(c.text("column"), c.text("requiredWhen"),
                    c.bool("emptyOtherwise"))));
        }
        List<DateOrderRule> dateOrder = new ArrayList<>();
        for (YamlNode item : m.items("dateOrder")) {
            YamlNode.Mapping d = mapping(item, DATE_ORDER_KEYS);
            dateOrder.add(at(d, new DateOrderRule(d.text("earlier"), d.text("later"))));
        }
        PeriodRule period = null;
        YamlNode periodNode = m.value("period");
        if (periodNode != null) {
            YamlNode.Mapping p = mapping(periodNode, PERIOD_KEYS);
            period = at(p, new PeriodRule(p.texts("start"), p.texts("end")));
        }
        FileRules fileRules = null;
        YamlNode rulesNode = m.value("fileRules");
        if (rulesNode != null) {
            YamlNode.Mapping r = mapping(rulesNode, FILE_RULE_KEYS);
            fileRules = at(r, new FileRules(r.bool("notEmpty"), r.text("gemeentecodeColumn"),
                    r.bool("singleGemeentecode"), r.bool("gemeentecodeMatchesFileName"),
                    r.bool("senderMayDeliver")));
        }
        FiguresSpec figures = null;
        YamlNode figuresNode = m.value("figures");
        if (figuresNode != null) {
            figures = figures(mapping(figuresNode, FIGURES_KEYS));
        }
        FileSpec spec = new FileSpec(m.text("type"), m.text("title"), m.text("fileName"), m.text("separator"),
                m.texts("encodings"), m.bool("header"), m.bool("quotesAllowed"), columns, conditionals, dateOrder,
                period, fileRules, figures);
        // the constructor copies the lists: the spec's own lists are the ones the semantic check names
        return at(m, spec);
    }

    private ColumnSpec column(YamlNode item) {
        YamlNode.Mapping c = mapping(item, COLUMN_KEYS);
        return at(c, new ColumnSpec(c.text("name"), c.text("title"), columnType(c), c.bool("required"),
                c.integer("minLength"), c.integer("maxLength"), c.text("pattern"), c.texts("codes"),
                c.texts("unknownValues"), c.text("matchesFileName")));
    }

    private FiguresSpec figures(YamlNode.Mapping f) {
        Map<String, String> labels = new LinkedHashMap<>();
        YamlNode labelsNode = f.value("groupLabels");
        if (labelsNode != null) {
            if (!(labelsNode instanceof YamlNode.Mapping labelMapping)) {
                throw problem(labelsNode, "'groupLabels' must be a mapping of code to label");
            }
            for (YamlNode.Entry entry : labelMapping.entries()) {
                labels.put(entry.key(), YamlNode.scalarText(entry.value(), entry.key()));
            }
        }
        YamlNode threshold = f.value("thresholdPercent");
        return at(f, new FiguresSpec(f.text("clients"), f.text("group"), f.text("groupTitle"), labels,
                f.texts("start"), f.texts("end"), f.text("sum"), f.text("sumTitle"),
                threshold == null ? null : Integer.valueOf(f.integer("thresholdPercent"))));
    }

    private ColumnType columnType(YamlNode.Mapping c) {
        String type = c.text("type");
        if (type == null) {
            return null;
        }
        for (ColumnType candidate : ColumnType.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(type)) {
                return candidate;
            }
        }
        throw problem(c.value("type"), "'type' must be one of date, integer, amount, code, bsn, text; got '"
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

    private <T> T at(YamlNode node, T value) {
        lines.put(value, node.line());
        return value;
    }

    private GmsdSpecificationException problem(YamlNode node, String problem) {
        return new GmsdSpecificationException(location, node == null ? 0 : node.line(), problem, null);
    }
}
