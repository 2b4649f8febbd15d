package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The house rules of {@code routes/}, one test per route file, so that a file breaking them is named on its own:
 * <ol>
 *   <li>a route (a route template's, a routeConfiguration's onException) has at most {@value #MAX_STEPS} steps,
 *       counted recursively: every entry of every {@code steps:} list, those nested in choice, doTry, split and
 *       filter included (the {@code when}/{@code otherwise}/{@code doCatch}/{@code doFinally} clauses themselves
 *       are structure, not steps);</li>
 *   <li>every producing step ({@code to}, {@code toD}, {@code wireTap}, {@code enrich}, {@code pollEnrich}) and every
 *       {@code bean} and {@code process} step has an {@code id} (weaveById reaches it, the flow picture names it);</li>
 *   <li>no bean call inside an expression: a {@code method:} expression (setHeader, setProperty, setBody, filter,
 *       when, split, ...) or a {@code ${bean:...}} in simple text is a {@code bean} step whose result is the body;</li>
 *   <li>{@code simple} expressions only read: {@code ${body.accepted}}, {@code ${header.GgkKind}}; no comparison or
 *       logic ({@code ==}, {@code !=}, {@code <}, {@code >}, {@code &&}, {@code ||}, {@code in}, {@code contains},
 *       {@code regex}, {@code is}, {@code range}, a ternary) and no method call with arguments. A decision is a
 *       {@code choice} on a field of the body.</li>
 * </ol>
 * A routeConfiguration's onException, onCompletion and intercept parts count as routes of their own.
 * And every id (of a route and of a step) is unique over all of {@code routes/}: Camel refuses to start otherwise.
 * On failure every offending step is listed with its file, route and path in the YAML.
 */
class RouteRulesTest {

    static final int MAX_STEPS = 20;
    private static final Path ROUTES = Path.of("routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> NEEDS_ID = Set.of("to", "toD", "wireTap", "enrich", "pollEnrich", "bean",
            "process");
    /** The parts of a routeConfiguration that hold steps of their own; each counts as a route. */
    private static final List<String> CONFIGURATION_PARTS = List.of("onException", "onCompletion", "interceptFrom",
            "intercept", "interceptSendToEndpoint");
    /** The clauses whose {@code steps} count, not the clause itself. */
    private static final Set<String> CLAUSES = Set.of("when", "otherwise", "doCatch", "doFinally");
    private static final Pattern LOGIC = Pattern.compile(
            "==|!=|>=|<=|&&|\\|\\||\\?:|\\s[<>]\\s|\\s(!?in|!?contains|!?regex|!?is|!?range|startsWith|endsWith"
                    + "|~~|!~~)\\s|\\s\\?\\s.*\\s:\\s");
    /** A method call with arguments inside ${...}: {@code ${body.fileName('csv')}}; {@code ${body.size()}} reads. */
    private static final Pattern CALL_WITH_ARGUMENTS = Pattern.compile("\\$\\{[^}]*\\.\\w+\\(\\s*[^)\\s]");
    private static final Pattern BEAN_IN_TEXT = Pattern.compile("\\$\\{bean:|\\?method=");

    @TestFactory
    Stream<DynamicTest> everyRouteFileKeepsTheHouseRules() throws IOException {
        return routeFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> offences = offences(file);
            assertThat(offences).as("%s breaks the route rules (%s)", file, RouteRulesTest.class.getSimpleName())
                    .isEmpty();
        }));
    }

    /**
     * The shipped configuration names every route file (no wildcard: resolving one reads every entry of the packaged
     * jar at start), and nothing else: a file missing from the list would load in the tests (they name the folder)
     * but not in the jar.
     */
    @Test
    void theConfigurationNamesEveryRouteFile() throws IOException {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("config", "application.properties"))) {
            shipped.load(in);
        }
        List<String> named = List.of(shipped.getProperty("camel.main.routes-include-pattern").split("\\s*,\\s*"));
        List<String> files = routeFiles().stream().map(f -> "classpath:routes/" + f.getFileName()).toList();
        assertThat(named).as("camel.main.routes-include-pattern in config/application.properties")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everyIdIsUniqueOverAllRouteFiles() throws IOException {
        assertThat(duplicateIds(routeFiles())).as("ids used twice (Camel: 'Duplicate id detected')").isEmpty();
    }

    static List<String> duplicateIds(List<Path> files) throws IOException {
        Map<String, String> seen = new java.util.HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Path file : files) {
            for (String id : ids(YAML.readTree(file.toFile()))) {
                String before = seen.putIfAbsent(id, file.getFileName().toString());
                if (before != null) {
                    duplicates.add(id + " in " + before + " and " + file.getFileName());
                }
            }
        }
        return duplicates;
    }

    /** A step id used twice, in one file or in two, a route id reused as a step id: each is named. */
    @Test
    void anIdUsedTwiceIsFound() throws IOException {
        Path first = Files.createTempFile("first-", ".camel.yaml");
        Path second = Files.createTempFile("second-", ".camel.yaml");
        try {
            Files.writeString(first, """
                    - route:
                        id: one
                        from:
                          uri: direct:one
                          steps:
                            - choice:
                                when:
                                  - simple: "${body.accepted}"
                                    steps:
                                      - to: {id: send, uri: direct:two}
                                otherwise:
                                  steps:
                                    - to: {id: send, uri: direct:three}
                    """);
            Files.writeString(second, """
                    - routeConfiguration:
                        id: errors
                        onException:
                          - onException:
                              exception: [java.lang.Exception]
                              steps:
                                - bean: {id: one, ref: x, method: "y(${body})"}
                    - route:
                        id: two
                        from:
                          uri: direct:two
                          steps:
                            - log: {id: fine, message: "${body}"}
                    """);
            assertThat(duplicateIds(List.of(first, second))).containsExactlyInAnyOrder(
                    "send in " + first.getFileName() + " and " + first.getFileName(),
                    "one in " + first.getFileName() + " and " + second.getFileName());
        } finally {
            Files.delete(first);
            Files.delete(second);
        }
    }

    /** The steps and expressions of a routeConfiguration (onException, interceptFrom, ...) keep the rules too. */
    @Test
    void theRulesReachIntoRouteConfigurations() throws IOException {
        Path file = Files.createTempFile("configuration-", ".camel.yaml");
        try {
            Files.writeString(file, """
                    - routeConfiguration:
                        id: guard
                        interceptFrom:
                          - interceptFrom:
                              id: authenticate
                              uri: "direct:api-*"
                              steps:
                                - setProperty:
                                    name: GgkCaller
                                    method:
                                      ref: access
                                      method: "caller(${header.Authorization})"
                        onException:
                          - onException:
                              exception: [java.lang.Exception]
                              onWhen:
                                simple: "${exception.message} contains 'disk'"
                              steps:
                                - to: direct:somewhere
                    """);
            List<String> offences = offences(file);
            assertThat(offences).anyMatch(o -> o.contains("interceptFrom authenticate")
                    && o.contains("steps[0].setProperty") && o.contains("bean call"));
            assertThat(offences).anyMatch(o -> o.contains("onException[0]") && o.contains("logic in simple"));
            assertThat(offences).anyMatch(o -> o.contains("onException[0].steps[0].to") && o.contains("no id"));
            assertThat(offences).hasSize(3);
        } finally {
            Files.delete(file);
        }
    }

    /** The ids of routes and steps; those of REST verbs, routeConfigurations and templates are names of their own. */
    private static List<String> ids(JsonNode root) {
        List<String> ids = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (JsonNode element : root) {
                JsonNode route = element.has("route") ? element.get("route")
                        : element.path("routeTemplate").path("route");
                if (element.has("route")) {
                    ids.add(route.path("id").asText());
                }
                collectStepIds(route.path("from").path("steps"), ids);
                for (String kind : CONFIGURATION_PARTS) {
                    for (JsonNode handler : element.path("routeConfiguration").path(kind)) {
                        collectStepIds(handler.path(kind).path("steps"), ids);
                    }
                }
            }
        }
        return ids;
    }

    private static void collectStepIds(JsonNode node, List<String> ids) {
        if (node.isArray()) {
            node.forEach(each -> collectStepIds(each, ids));
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode definition = field.getValue();
                if (definition.isObject() && definition.path("id").isTextual() && !CLAUSES.contains(field.getKey())) {
                    ids.add(definition.path("id").asText());
                }
                if (definition.isContainerNode()) {
                    collectStepIds(definition, ids);
                }
            }
        }
    }

    /** The rules themselves catch what they claim to: a route written the old way is refused on every count. */
    @Test
    void theRulesCatchALongRouteABeanCallInAnExpressionLogicInSimpleAndAStepWithoutId() throws IOException {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 19; i++) {
            steps.append("        - log: {id: l").append(i).append(", message: \"step ").append(i).append("\"}\n");
        }
        String yaml = """
                - route:
                    id: bad
                    from:
                      uri: direct:bad
                      steps:
                        - setHeader:
                            name: GgkSender
                            method:
                              ref: wsDoor
                              method: "caller(${header.Authorization})"
                        - choice:
                            when:
                              - simple: "${exchangeProperty.GgkCbsOutcome.name} == 'ACCEPTED'"
                                steps:
                                  - to: direct:elsewhere
                        - log:
                            id: sneaky
                            message: "${bean:wsRequests?method=describe(${body})}"
                """ + steps;
        Path file = Files.createTempFile("bad-", ".camel.yaml");
        try {
            Files.writeString(file, yaml);
            List<String> offences = offences(file);
            assertThat(offences).anyMatch(o -> o.contains("route bad") && o.contains("23 steps"));
            assertThat(offences).anyMatch(o -> o.contains("steps[0].setHeader") && o.contains("bean call"));
            assertThat(offences).anyMatch(o -> o.contains("when[0]") && o.contains("logic"));
            assertThat(offences).anyMatch(o -> o.contains("when[0].steps[0].to") && o.contains("no id"));
            assertThat(offences).anyMatch(o -> o.contains("steps[2].log") && o.contains("bean call"));
            assertThat(offences).hasSize(5);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void readingAFieldIsNoLogic() {
        assertThat(logic("${body.accepted}")).isFalse();
        assertThat(logic("${header.GgkKind}")).isFalse();
        assertThat(logic("${body.entries.size}")).isFalse();
        assertThat(logic("${body.isEmpty()}")).isFalse();
        assertThat(logic("Bearer {{ggk.cbs.simulator.hub-key}}")).isFalse();
        assertThat(logic("${body.kind} == 'IWMO'")).isTrue();
        assertThat(logic("${body} != null")).isTrue();
        assertThat(logic("${header.CamelHttpResponseCode} >= 500")).isTrue();
        assertThat(logic("${body} contains 'x'")).isTrue();
        assertThat(logic("${body.fileName('csv')}")).isTrue();
    }

    static List<String> offences(Path file) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        List<String> offences = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return offences;
        }
        String name = file.getFileName().toString();
        for (JsonNode element : root) {
            if (element.has("route")) {
                checkRoute(name, "route " + element.get("route").path("id").asText("?"), element.get("route"),
                        offences);
            } else if (element.has("routeTemplate")) {
                JsonNode template = element.get("routeTemplate");
                checkRoute(name, "routeTemplate " + template.path("id").asText("?"), template.path("route"),
                        offences);
            } else if (element.has("routeConfiguration")) {
                JsonNode configuration = element.get("routeConfiguration");
                String where = "routeConfiguration " + configuration.path("id").asText("?");
                for (String kind : CONFIGURATION_PARTS) {
                    int i = 0;
                    for (JsonNode handler : configuration.path(kind)) {
                        JsonNode part = handler.path(kind);
                        String at = kind + "[" + i + "]";
                        String named = where + " " + kind + " " + part.path("id").asText(at);
                        // its own expressions (onWhen, retryWhile, handled, ...), then its steps
                        checkExpressions(name, named, kind, part, at, offences);
                        checkSteps(name, named, part, at, offences);
                        i++;
                    }
                }
            }
        }
        return offences;
    }

    private static void checkRoute(String file, String where, JsonNode route, List<String> offences) {
        checkSteps(file, where, route.path("from"), "from", offences);
    }

    private static void checkSteps(String file, String where, JsonNode holder, String path, List<String> offences) {
        int[] count = {0};
        walkSteps(file, where, holder.path("steps"), path + ".steps", count, offences);
        if (count[0] > MAX_STEPS) {
            offences.add(file + " " + where + ": " + count[0] + " steps, at most " + MAX_STEPS
                    + " (a dispatcher with a choice to direct: routes, or a bean that takes the body whole)");
        }
    }

    private static void walkSteps(String file, String where, JsonNode steps, String path, int[] count,
                                  List<String> offences) {
        if (!steps.isArray()) {
            return;
        }
        int i = 0;
        for (JsonNode step : steps) {
            count[0]++;
            Iterator<Map.Entry<String, JsonNode>> fields = step.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String kind = field.getKey();
                JsonNode definition = field.getValue();
                String at = path + "[" + i + "]." + kind;
                if (NEEDS_ID.contains(kind) && !definition.path("id").isTextual()) {
                    offences.add(file + " " + where + " " + at + ": no id (" + shown(definition) + ")");
                }
                checkExpressions(file, where, kind, definition, at, offences);
                walkNested(file, where, definition, at, count, offences);
            }
            i++;
        }
    }

    /** The steps inside a step: its own {@code steps}, and those of its when/otherwise/doCatch/doFinally clauses. */
    private static void walkNested(String file, String where, JsonNode definition, String at, int[] count,
                                   List<String> offences) {
        if (!definition.isObject()) {
            return;
        }
        walkSteps(file, where, definition.path("steps"), at + ".steps", count, offences);
        for (String clause : CLAUSES) {
            JsonNode node = definition.path(clause);
            if (node.isArray()) {
                int j = 0;
                for (JsonNode each : node) {
                    checkExpressions(file, where, clause, each, at + "." + clause + "[" + j + "]", offences);
                    walkSteps(file, where, each.path("steps"), at + "." + clause + "[" + j + "].steps", count,
                            offences);
                    j++;
                }
            } else if (node.isObject()) {
                walkSteps(file, where, node.path("steps"), at + "." + clause + ".steps", count, offences);
            }
        }
    }

    /**
     * The expressions of one step (or clause), not its nested steps: a {@code method} key anywhere but as the method
     * of a {@code bean} step is a bean call; {@code simple} text must only read; no {@code ${bean:}} in any text.
     */
    private static void checkExpressions(String file, String where, String kind, JsonNode definition, String at,
                                         List<String> offences) {
        scan(definition, kind, at, file + " " + where, offences);
    }

    private static void scan(JsonNode node, String key, String at, String where, List<String> offences) {
        if (node.isTextual()) {
            String text = node.asText();
            if (BEAN_IN_TEXT.matcher(text).find()) {
                offences.add(where + " " + at + ": bean call inside an expression (" + text
                        + "): make it a bean step with an id");
            } else if ("simple".equals(key) || "expression".equals(key)) {
                if (logic(text)) {
                    offences.add(where + " " + at + ": logic in simple (" + text
                            + "): a choice on a field of the body (a boolean the bean sets)");
                }
            }
            return;
        }
        if (node.isArray()) {
            for (JsonNode each : node) {
                scan(each, key, at, where, offences);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if ("steps".equals(name) || CLAUSES.contains(name)) {
                continue; // nested steps are checked as steps of their own
            }
            if ("method".equals(name) && !"bean".equals(key)) {
                offences.add(where + " " + at + ": bean call inside an expression (method: "
                        + shown(field.getValue()) + "): make it a bean step with an id, its result the body");
                continue;
            }
            // simple: {expression: ..., resultType: ...} is simple text too
            scan(field.getValue(), "simple".equals(key) && "expression".equals(name) ? "simple" : name, at, where,
                    offences);
        }
    }

    static boolean logic(String simple) {
        return LOGIC.matcher(simple).find() || CALL_WITH_ARGUMENTS.matcher(simple).find();
    }

    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
