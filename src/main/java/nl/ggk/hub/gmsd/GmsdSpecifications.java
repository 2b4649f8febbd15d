package nl.ggk.hub.gmsd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import nl.ggk.hub.yaml.YamlException;
import nl.ggk.hub.yaml.YamlNode;
import nl.ggk.hub.yaml.YamlReader;

/**
 * The GMSD file types the hub checks, each loaded from its own YAML file. The files are the working
 * specification: changing a rule means editing a file, not the code. Loading checks each file both
 * against the model and for sense (column types, regular expressions, references between rules), and
 * stops with a {@link GmsdSpecificationException} that names file, line and problem.
 */
public final class GmsdSpecifications {

    /** The bundled specification files (on the classpath from {@code config/gmsd/}). */
    public static final List<String> DEFAULT_LOCATIONS = List.of(
            "classpath:gmsd/wmo.yaml",
            "classpath:gmsd/kostenwmo.yaml",
            "classpath:gmsd/sbo.yaml",
            "classpath:gmsd/jeugd.yaml",
            "classpath:gmsd/optin.yaml");

    private static final Set<String> FILE_NAME_GROUPS = Set.of("gemeentecode", "jaar", "halfjaar");
    private static final Set<String> SUPPORTED_ENCODINGS = Set.of("UTF-8", "WINDOWS-1252");

    private final Map<String, FileSpec> specsByType;
    private final Map<String, Pattern> fileNamePatterns;

    private GmsdSpecifications(Map<String, FileSpec> specsByType) {
        this.specsByType = specsByType;
        this.fileNamePatterns = new LinkedHashMap<>();
        for (Map.Entry<String, FileSpec> entry : specsByType.entrySet()) {
            fileNamePatterns.put(entry.getKey(), Pattern.compile(entry.getValue().fileName()));
        }
    }

    public static GmsdSpecifications loadDefaults() {
        return load(DEFAULT_LOCATIONS);
    }

    /** Loads the given files; a location is a file path, {@code file:/path} or {@code classpath:gmsd/wmo.yaml}. */
    public static GmsdSpecifications load(List<String> locations) {
        Map<String, FileSpec> specs = new LinkedHashMap<>();
        Map<Object, Integer> lines = new IdentityHashMap<>();
        for (String location : locations) {
            FileSpec spec = loadOne(location.trim(), lines);
            if (specs.putIfAbsent(spec.type(), spec) != null) {
                throw new GmsdSpecificationException(location, 0, "file type " + spec.type()
                        + " is specified twice", null);
            }
        }
        if (specs.isEmpty()) {
            throw new GmsdSpecificationException(String.valueOf(locations), 0, "no specification files given", null);
        }
        return new GmsdSpecifications(specs);
    }

    public List<FileSpec> all() {
        return List.copyOf(specsByType.values());
    }

    public Optional<FileSpec> spec(String type) {
        return Optional.ofNullable(specsByType.get(type));
    }

    /** Tells a GMSD file by its name (a path is allowed; only the last segment counts). */
    public Optional<GmsdFileName> recognise(String filename) {
        if (filename == null) {
            return Optional.empty();
        }
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        for (Map.Entry<String, Pattern> entry : fileNamePatterns.entrySet()) {
            Matcher m = entry.getValue().matcher(name);
            if (m.matches()) {
                int half = Integer.parseInt(m.group("halfjaar"));
                if (half != 1 && half != 2) {
                    continue;
                }
                return Optional.of(new GmsdFileName(name, entry.getKey(), m.group("gemeentecode"),
                        Integer.parseInt(m.group("jaar")), half));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- loading

    private static FileSpec loadOne(String location, Map<Object, Integer> lines) {
        byte[] text;
        try (InputStream in = open(location)) {
            text = in.readAllBytes();
        } catch (IOException e) {
            throw new GmsdSpecificationException(location, 0, "cannot read: " + e, e);
        }
        YamlNode root;
        try {
            root = YamlReader.read(text);
        } catch (YamlException e) {
            throw new GmsdSpecificationException(location, e.line(), e.getMessage(), e);
        }
        if (root == null) {
            throw new GmsdSpecificationException(location, 0, "file is empty", null);
        }
        FileSpec spec = new SpecificationReader(location, lines).fileSpec(root);
        new SemanticCheck(location, lines).check(spec);
        return spec;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = GmsdSpecifications.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException(location);
            }
            return in;
        }
        // file:/path as application.properties documents it, or a plain path
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring("file:".length())
                : location));
    }

    private record SemanticCheck(String location, Map<Object, Integer> lines) {

        void check(FileSpec spec) {
            require(spec, spec.type() != null && spec.type().matches("[A-Z0-9_]+"),
                    "'type' must be upper-case letters/digits, got: " + spec.type());
            require(spec, spec.fileName() != null, "'fileName' (regular expression) is missing");
            Pattern fileName = compile(spec, spec.fileName(), "fileName");
            for (String group : FILE_NAME_GROUPS) {
                require(spec, fileName.pattern().contains("(?<" + group + ">"),
                        "'fileName' needs the named group (?<" + group + ">...)");
            }
            require(spec, spec.separator() != null && spec.separator().length() == 1
                            && "\r\n\"".indexOf(spec.separator().charAt(0)) < 0,
                    "'separator' must be exactly one character other than CR, LF or a double quote");
            for (String encoding : spec.encodings()) {
                require(spec, SUPPORTED_ENCODINGS.contains(encoding.toUpperCase()),
                        "unsupported encoding '" + encoding + "' (supported: UTF-8, windows-1252)");
            }
            require(spec, !spec.columns().isEmpty(), "'columns' is empty");
            Set<String> names = new HashSet<>();
            for (ColumnSpec column : spec.columns()) {
                checkColumn(column);
                require(column, names.add(column.name()), "column name '" + column.name() + "' is used twice");
            }
            for (ConditionalRule rule : spec.conditionals()) {
                requireColumn(spec, rule, rule.column(), "column");
                requireColumn(spec, rule, rule.requiredWhen(), "requiredWhen");
            }
            for (DateOrderRule rule : spec.dateOrder()) {
                requireDateColumn(spec, rule, rule.earlier(), "earlier");
                requireDateColumn(spec, rule, rule.later(), "later");
            }
            if (spec.period() != null) {
                require(spec.period(), !spec.period().start().isEmpty(), "'period.start' names no column");
                requireDateColumns(spec, spec.period(), spec.period().start(), "period.start");
                requireDateColumns(spec, spec.period(), spec.period().end(), "period.end");
            }
            FileRules rules = spec.fileRules();
            if (rules.gemeentecodeColumn() != null) {
                requireColumn(spec, rules, rules.gemeentecodeColumn(), "gemeentecodeColumn");
            } else {
                require(rules, !rules.singleGemeentecode() && !rules.gemeentecodeMatchesFileName(),
                        "gemeentecode rules need 'gemeentecodeColumn'");
            }
            if (spec.figures() != null) {
                checkFigures(spec, spec.figures());
            }
        }

        /** The instant mirror's figures name existing columns of the right type; a BSN is never a grouping. */
        private void checkFigures(FileSpec spec, FiguresSpec figures) {
            if (figures.clients() != null) {
                requireColumn(spec, figures, figures.clients(), "figures.clients");
                require(figures, spec.columns().get(spec.columnIndex(figures.clients())).type() == ColumnType.BSN,
                        "'figures.clients' names column '" + figures.clients() + "', which is not of type bsn");
            }
            if (figures.group() != null) {
                requireColumn(spec, figures, figures.group(), "figures.group");
                ColumnType type = spec.columns().get(spec.columnIndex(figures.group())).type();
                require(figures, type == ColumnType.CODE || type == ColumnType.INTEGER,
                        "'figures.group' names column '" + figures.group() + "', which is not of type code or integer");
            }
            if (figures.sum() != null) {
                requireColumn(spec, figures, figures.sum(), "figures.sum");
                ColumnType type = spec.columns().get(spec.columnIndex(figures.sum())).type();
                require(figures, type == ColumnType.AMOUNT || type == ColumnType.INTEGER,
                        "'figures.sum' names column '" + figures.sum() + "', which is not of type amount or integer");
            }
            require(figures, figures.start().isEmpty() == figures.end().isEmpty(),
                    "'figures.start' and 'figures.end' go together");
            requireDateColumns(spec, figures, figures.start(), "figures.start");
            requireDateColumns(spec, figures, figures.end(), "figures.end");
            require(figures, figures.thresholdPercent() == null
                            || (figures.thresholdPercent() > 0 && figures.thresholdPercent() <= 1000),
                    "'figures.thresholdPercent' must be between 1 and 1000");
        }

        private void checkColumn(ColumnSpec column) {
            require(column, column.name() != null && !column.name().isBlank(), "column without 'name'");
            require(column, column.type() != null, "column '" + column.name() + "' has no 'type'");
            require(column, column.minLength() >= 0 && column.maxLength() >= 0
                            && (column.maxLength() == 0 || column.minLength() <= column.maxLength()),
                    "column '" + column.name() + "': minLength/maxLength make no sense");
            if (column.pattern() != null) {
                compile(column, column.pattern(), "pattern of column '" + column.name() + "'");
            }
            if (column.type() == ColumnType.CODE) {
                require(column, !column.codes().isEmpty(), "column '" + column.name() + "' of type code has no 'codes'");
            } else {
                require(column, column.codes().isEmpty(),
                        "column '" + column.name() + "' has 'codes' but is of type " + column.type());
            }
            require(column, column.matchesFileName() == null || FILE_NAME_GROUPS.contains(column.matchesFileName()),
                    "column '" + column.name() + "': matchesFileName must be one of " + FILE_NAME_GROUPS);
        }

        private void requireColumn(FileSpec spec, Object where, String name, String key) {
            require(where, name != null && spec.columnIndex(name) >= 0,
                    "'" + key + "' names column '" + name + "', which is not in 'columns'");
        }

        private void requireDateColumns(FileSpec spec, Object where, List<String> names, String key) {
            for (String name : names) {
                requireDateColumn(spec, where, name, key);
            }
        }

        private void requireDateColumn(FileSpec spec, Object where, String name, String key) {
            requireColumn(spec, where, name, key);
            require(where, spec.columns().get(spec.columnIndex(name)).type() == ColumnType.DATE,
                    "'" + key + "' names column '" + name + "', which is not of type date");
        }

        private Pattern compile(Object where, String regex, String what) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new GmsdSpecificationException(location, line(where),
                        what + " is not a valid regular expression: " + e.getDescription(), e);
            }
        }

        private void require(Object where, boolean condition, String problem) {
            if (!condition) {
                throw new GmsdSpecificationException(location, line(where), problem, null);
            }
        }

        private int line(Object where) {
            return lines.getOrDefault(where, 0);
        }
    }
}
