package nl.ggk.hub.classify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The message-type table ({@code message-types.yaml} on the classpath root; source in {@code config/}). */
public final class MessageTypes {

    public static final String DEFAULT_RESOURCE = "message-types.yaml";
    private static final String RELEASE = "{release}";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cbs(List<String> functies) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Svb(List<String> functies, List<String> functiePrefixes, List<String> fileNamePrefixes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Document(Map<Kind, String> istandaardNamespacePrefixes, List<MessageType> istandaarden, Cbs cbs, Svb svb) {
    }

    private record CompiledNamespace(Pattern pattern, MessageType type) {
    }

    private final Map<String, MessageType> byFunctie = new LinkedHashMap<>();
    private final List<CompiledNamespace> namespaces = new ArrayList<>();
    private final Map<Kind, String> istandaardPrefixes;
    private final List<String> cbsFuncties;
    private final List<String> svbFuncties;
    private final List<String> svbFunctiePrefixes;
    private final List<String> svbFileNamePrefixes;

    private MessageTypes(Document document) {
        for (MessageType type : nullSafe(document.istandaarden())) {
            if (type.functie() == null || type.kind() == null || type.berichtCode() == null
                    || type.direction() == null || type.namespaces().isEmpty()) {
                throw new IllegalArgumentException("incomplete message type: " + type);
            }
            if (byFunctie.put(type.functie(), type) != null) {
                throw new IllegalArgumentException("message type listed twice: " + type.functie());
            }
            for (String template : type.namespaces()) {
                namespaces.add(new CompiledNamespace(compile(template), type));
            }
        }
        istandaardPrefixes = document.istandaardNamespacePrefixes() == null
                ? Map.of() : Map.copyOf(document.istandaardNamespacePrefixes());
        Cbs cbs = document.cbs() == null ? new Cbs(List.of()) : document.cbs();
        Svb svb = document.svb() == null ? new Svb(List.of(), List.of(), List.of()) : document.svb();
        cbsFuncties = List.copyOf(nullSafe(cbs.functies()));
        svbFuncties = List.copyOf(nullSafe(svb.functies()));
        svbFunctiePrefixes = List.copyOf(nullSafe(svb.functiePrefixes()));
        svbFileNamePrefixes = List.copyOf(nullSafe(svb.fileNamePrefixes()));
    }

    public static MessageTypes load(InputStream yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return new MessageTypes(mapper.readValue(yaml, Document.class));
    }

    /** The table shipped in {@code config/message-types.yaml}. */
    public static MessageTypes loadDefault() throws IOException {
        try (InputStream in = MessageTypes.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException("classpath resource " + DEFAULT_RESOURCE + " not found");
            }
            return load(in);
        }
    }

    public Optional<MessageType> byFunctie(String functie) {
        return Optional.ofNullable(functie == null ? null : byFunctie.get(functie));
    }

    /** The message type whose namespace (any release) matches {@code namespace}. */
    public Optional<MessageType> byNamespace(String namespace) {
        if (namespace == null) {
            return Optional.empty();
        }
        return namespaces.stream().filter(n -> n.pattern().matcher(namespace).matches())
                .map(CompiledNamespace::type).findFirst();
    }

    /** IWMO or IJW when {@code namespace} belongs to that standard, even for a message type not in the table. */
    public Optional<Kind> istandaardKind(String namespace) {
        if (namespace == null) {
            return Optional.empty();
        }
        return istandaardPrefixes.entrySet().stream().filter(e -> namespace.startsWith(e.getValue()))
                .map(Map.Entry::getKey).findFirst();
    }

    public boolean isCbsFunctie(String functie) {
        return functie != null && cbsFuncties.contains(functie);
    }

    public boolean isSvbFunctie(String functie) {
        return functie != null
                && (svbFuncties.contains(functie) || svbFunctiePrefixes.stream().anyMatch(functie::startsWith));
    }

    /** The SVB prefix a file name starts with (case-insensitive), if any. */
    public Optional<String> svbFileNamePrefix(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String upper = fileName.toUpperCase(Locale.ROOT);
        return svbFileNamePrefixes.stream().filter(p -> upper.startsWith(p.toUpperCase(Locale.ROOT))).findFirst();
    }

    public List<MessageType> all() {
        return List.copyOf(byFunctie.values());
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int at = template.indexOf(RELEASE); at >= 0; at = template.indexOf(RELEASE, from)) {
            regex.append(Pattern.quote(template.substring(from, at))).append("[0-9]+_[0-9]+");
            from = at + RELEASE.length();
        }
        regex.append(Pattern.quote(template.substring(from)));
        return Pattern.compile(regex.toString());
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
