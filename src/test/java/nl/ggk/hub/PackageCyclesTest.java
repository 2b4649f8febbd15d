package nl.ggk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the hub reach each other, directly or through others: the package graph that {@code jdeps}
 * reads from the compiled classes ({@code target/classes}) has no cycle. A failure names each cycle's packages and,
 * for every edge inside it, the classes that make it (the place to cut).
 */
class PackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(nl\\.ggk\\.hub\\S*)\\s+->\\s+(nl\\.ggk\\.hub\\S*)\\s");

    @Test
    void theHubsPackagesFormNoCycle() throws Exception {
        PackageGraph graph = PackageGraph.of(jdepsClassEdges(mainClasses()));

        assertThat(graph.packages()).as("jdeps found the hub's packages").contains("nl.ggk.hub.track", "nl.ggk.hub.cbs");
        assertThat(graph.cycles()).as("package cycles (jdeps over target/classes)").isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamedWithTheClassesOnItsEdges() {
        PackageGraph graph = PackageGraph.of(List.of(
                new String[] {"nl.ggk.hub.a.One", "nl.ggk.hub.b.Two$Inner"},
                new String[] {"nl.ggk.hub.b.Two", "nl.ggk.hub.c.Three"},
                new String[] {"nl.ggk.hub.c.Three", "nl.ggk.hub.a.One"},
                new String[] {"nl.ggk.hub.c.Three", "nl.ggk.hub.d.Four"},
                new String[] {"nl.ggk.hub.d.Four", "nl.ggk.hub.d.Five"}));

        assertThat(graph.cycles()).containsExactly("packages [nl.ggk.hub.a, nl.ggk.hub.b, nl.ggk.hub.c] reach each"
                + " other:\n  nl.ggk.hub.a -> nl.ggk.hub.b: nl.ggk.hub.a.One -> nl.ggk.hub.b.Two$Inner"
                + "\n  nl.ggk.hub.b -> nl.ggk.hub.c: nl.ggk.hub.b.Two -> nl.ggk.hub.c.Three"
                + "\n  nl.ggk.hub.c -> nl.ggk.hub.a: nl.ggk.hub.c.Three -> nl.ggk.hub.a.One");
    }

    /** The folder the hub's own classes were loaded from (target/classes under Maven). */
    private static Path mainClasses() throws URISyntaxException {
        Path classes = Path.of(GgkHub.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isDirectory(classes.resolve("nl/ggk/hub"))).as("compiled classes in " + classes).isTrue();
        return classes;
    }

    /** {@code jdeps -verbose:class -filter:none -e 'nl\.ggk\.hub.*'}: every class-to-class edge within the hub. */
    private static List<String[]> jdepsClassEdges(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("jdeps is not in this JDK (module jdk.jdeps)"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "-verbose:class", "-filter:none", "-e", "nl\\.ggk\\.hub.*", classes.toString());
        assertThat(exit).as("jdeps exit code; stderr: " + err.toString(StandardCharsets.UTF_8)).isZero();
        List<String[]> edges = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                edges.add(new String[] {m.group(1), m.group(2)});
            }
        }
        assertThat(edges).as("jdeps printed class edges").isNotEmpty();
        return edges;
    }

    /** Packages and the class edges between them (edges within one package left out). */
    record PackageGraph(SortedMap<String, SortedMap<String, SortedSet<String>>> edges) {

        static PackageGraph of(List<String[]> classEdges) {
            SortedMap<String, SortedMap<String, SortedSet<String>>> edges = new TreeMap<>();
            for (String[] edge : classEdges) {
                String from = packageOf(edge[0]);
                String to = packageOf(edge[1]);
                edges.computeIfAbsent(from, k -> new TreeMap<>());
                edges.computeIfAbsent(to, k -> new TreeMap<>());
                if (!from.equals(to)) {
                    edges.get(from).computeIfAbsent(to, k -> new TreeSet<>()).add(edge[0] + " -> " + edge[1]);
                }
            }
            return new PackageGraph(edges);
        }

        Set<String> packages() {
            return edges.keySet();
        }

        /** Each strongly connected component of more than one package, with the class edges inside it. */
        List<String> cycles() {
            List<String> cycles = new ArrayList<>();
            for (SortedSet<String> component : components()) {
                if (component.size() < 2) {
                    continue;
                }
                StringBuilder text = new StringBuilder("packages " + component + " reach each other:");
                for (String from : component) {
                    edges.get(from).forEach((to, classes) -> {
                        if (component.contains(to)) {
                            text.append("\n  ").append(from).append(" -> ").append(to).append(": ")
                                    .append(String.join("; ", classes));
                        }
                    });
                }
                cycles.add(text.toString());
            }
            return cycles;
        }

        /** Tarjan's strongly connected components. */
        private List<SortedSet<String>> components() {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            List<SortedSet<String>> result = new ArrayList<>();
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node, index, low, stack, result);
                }
            }
            return result;
        }

        private void visit(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                           List<SortedSet<String>> result) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            for (String next : edges.get(node).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next, index, low, stack, result);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                SortedSet<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(node));
                result.add(component);
            }
        }

        private static String packageOf(String className) {
            String outer = className.split("\\$", 2)[0];
            int dot = outer.lastIndexOf('.');
            return dot < 0 ? "" : outer.substring(0, dot);
        }
    }
}
