package nl.ggk.hub.errors;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The versioned error-code table ({@code config/error-codes.yaml}) for one active generation: turns the reason
 * keys beans report ({@link ErrorReasons}) into StUF error codes. The resolution rule is documented in the YAML.
 */
public final class ErrorCodes {

    /** Setting that names the active generation. */
    public static final String GENERATION_SETTING = "ggk.errors.generation";
    public static final String DEFAULT_GENERATION = "ggk-2025";
    /** The hub's own series; the first fallback for a reason the active generation lacks. */
    public static final String HUB_GENERATION = "ggk-hub";
    /** Classpath location of the table ({@code config/} is packaged onto the classpath root). */
    public static final String RESOURCE = "error-codes.yaml";

    private static final int MAX_CODE_LENGTH = 7;

    private final String version;
    private final String activeGeneration;
    /** generation -> code -> ErrorCode, in document order. */
    private final Map<String, Map<String, ErrorCode>> codesByGeneration;
    /** reason -> code, resolved for the active generation. */
    private final Map<String, ErrorCode> byReason;

    private ErrorCodes(String version, String activeGeneration, Map<String, Map<String, ErrorCode>> codesByGeneration,
                       Map<String, ErrorCode> byReason) {
        this.version = version;
        this.activeGeneration = activeGeneration;
        this.codesByGeneration = codesByGeneration;
        this.byReason = byReason;
    }

    /**
     * Reads and checks the table. Fails with an {@link IllegalArgumentException} listing every inconsistency (an
     * agreed reason without a code in some generation, a code missing from its generation, an omschrijving over
     * 200 characters, a plek other than client/server, an unknown generation, ...).
     */
    public static ErrorCodes load(InputStream yaml, String activeGeneration) throws IOException {
        // a key given twice would silently win otherwise
        YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode root = new ObjectMapper(factory).readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("error-code table is empty or not a YAML mapping");
        }
        List<String> problems = new ArrayList<>();
        String version = text(root.get("version"));
        if (version == null || version.isBlank()) {
            problems.add("'version' is missing");
        }
        Map<String, Map<String, ErrorCode>> generations = readGenerations(root.get("generations"), problems);
        String active = activeGeneration == null || activeGeneration.isBlank() ? DEFAULT_GENERATION : activeGeneration.strip();
        if (!generations.containsKey(active)) {
            problems.add("active generation '" + active + "' (setting " + GENERATION_SETTING + ") is unknown; known: "
                    + generations.keySet());
        }
        Map<String, Map<String, String>> reasons = readReasons(root.get("reasons"), generations, problems);
        for (String required : ErrorReasons.ALL) {
            if (!reasons.containsKey(required)) {
                problems.add("reason '" + required + "' has no code");
            }
        }
        Map<String, ErrorCode> resolved = new LinkedHashMap<>();
        for (String generation : generations.keySet()) {
            for (Map.Entry<String, Map<String, String>> reason : reasons.entrySet()) {
                ErrorCode code = resolve(reason.getKey(), reason.getValue(), generation, generations, problems);
                if (generation.equals(active) && code != null) {
                    resolved.put(reason.getKey(), code);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("error-code table is inconsistent: " + String.join("; ", problems));
        }
        return new ErrorCodes(version, active, generations, resolved);
    }

    /** Loads {@value #RESOURCE} from the classpath. */
    public static ErrorCodes loadFromClasspath(String activeGeneration) throws IOException {
        try (InputStream in = ErrorCodes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("classpath resource " + RESOURCE + " not found");
            }
            return load(in, activeGeneration);
        }
    }

    /** The code for a reason key in the active generation; an unknown key gives the {@code internal-error} code. */
    public ErrorCode forReason(String reasonKey) {
        ErrorCode code = reasonKey == null ? null : byReason.get(reasonKey);
        return code != null ? code : byReason.get(ErrorReasons.INTERNAL_ERROR);
    }

    /**
     * A code by its name, looked up in the active generation, then {@code ggk-hub}, then the others (e.g.
     * {@code StUF016} for the synchronous duplicate answer).
     */
    public Optional<ErrorCode> byCode(String code) {
        for (String generation : lookupOrder(activeGeneration, codesByGeneration.keySet())) {
            ErrorCode found = codesByGeneration.get(generation).get(code);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    public String version() {
        return version;
    }

    public String activeGeneration() {
        return activeGeneration;
    }

    public Set<String> generations() {
        return codesByGeneration.keySet();
    }

    private static Map<String, Map<String, ErrorCode>> readGenerations(JsonNode node, List<String> problems) {
        Map<String, Map<String, ErrorCode>> generations = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add("'generations' is missing or empty");
            return generations;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> generation = it.next();
            Map<String, ErrorCode> codes = new LinkedHashMap<>();
            generations.put(generation.getKey(), codes);
            JsonNode codesNode = generation.getValue().get("codes");
            if (codesNode == null || !codesNode.isObject()) {
                problems.add("generation '" + generation.getKey() + "' has no 'codes'");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ci = codesNode.fields(); ci.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = ci.next();
                String where = generation.getKey() + "/" + entry.getKey();
                JsonNode c = entry.getValue();
                String plek = text(c.get("plek"));
                String omschrijving = text(c.get("omschrijving"));
                String description = text(c.get("description"));
                if (entry.getKey().length() > MAX_CODE_LENGTH) {
                    problems.add(where + ": code longer than " + MAX_CODE_LENGTH + " characters");
                }
                if (!"client".equals(plek) && !"server".equals(plek)) {
                    problems.add(where + ": plek must be client or server, is '" + plek + "'");
                }
                if (omschrijving == null || omschrijving.isBlank()) {
                    problems.add(where + ": omschrijving is missing");
                } else if (omschrijving.length() > ErrorCode.MAX_OMSCHRIJVING) {
                    problems.add(where + ": omschrijving is " + omschrijving.length() + " characters, at most "
                            + ErrorCode.MAX_OMSCHRIJVING + " allowed");
                }
                if (description == null || description.isBlank()) {
                    problems.add(where + ": description is missing");
                }
                codes.put(entry.getKey(), new ErrorCode(entry.getKey(), plek, omschrijving, description));
            }
        }
        return generations;
    }

    private static Map<String, Map<String, String>> readReasons(JsonNode node, Map<String, Map<String, ErrorCode>> generations,
                                                                List<String> problems) {
        Map<String, Map<String, String>> reasons = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            problems.add("'reasons' is missing");
            return reasons;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> reason = it.next();
            Map<String, String> perGeneration = new LinkedHashMap<>();
            if (reason.getValue() != null && reason.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> gi = reason.getValue().fields(); gi.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = gi.next();
                    String code = text(entry.getValue());
                    String where = "reason '" + reason.getKey() + "'";
                    if (!generations.containsKey(entry.getKey())) {
                        problems.add(where + " names unknown generation '" + entry.getKey() + "'");
                    } else if (code == null || code.isBlank()) {
                        problems.add(where + " has an empty code for " + entry.getKey());
                    } else if (!generations.get(entry.getKey()).containsKey(code)) {
                        problems.add(where + " maps to " + code + ", which generation " + entry.getKey() + " does not define");
                    } else {
                        perGeneration.put(entry.getKey(), code);
                    }
                }
            }
            if (perGeneration.isEmpty()) {
                problems.add("reason '" + reason.getKey() + "' has no code");
            } else {
                reasons.put(reason.getKey(), perGeneration);
            }
        }
        return reasons;
    }

    private static ErrorCode resolve(String reason, Map<String, String> perGeneration, String generation,
                                     Map<String, Map<String, ErrorCode>> generations, List<String> problems) {
        for (String candidate : lookupOrder(generation, generations.keySet())) {
            String code = perGeneration.get(candidate);
            if (code == null) {
                continue;
            }
            boolean borrowed = !candidate.equals(generation) && !candidate.equals(HUB_GENERATION);
            ErrorCode clash = generations.get(generation).get(code);
            if (borrowed && clash != null) {
                problems.add("reason '" + reason + "' in generation " + generation + " falls back to " + code + " of "
                        + candidate + ", but " + generation + " uses " + code + " for something else");
                return null;
            }
            return generations.get(candidate).get(code);
        }
        return null; // unreachable: readReasons keeps only reasons with at least one code
    }

    private static List<String> lookupOrder(String active, Set<String> all) {
        List<String> order = new ArrayList<>();
        order.add(active);
        if (!active.equals(HUB_GENERATION) && all.contains(HUB_GENERATION)) {
            order.add(HUB_GENERATION);
        }
        for (String generation : all) {
            if (!order.contains(generation)) {
                order.add(generation);
            }
        }
        return order;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
