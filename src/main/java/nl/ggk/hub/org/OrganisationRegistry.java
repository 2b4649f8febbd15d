package nl.ggk.hub.org;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ggk.hub.yaml.YamlException;
import nl.ggk.hub.yaml.YamlNode;
import nl.ggk.hub.yaml.YamlValueException;
import nl.ggk.hub.yaml.YamlReader;

/**
 * The organisations the hub knows: gemeenten (4-digit CBS code), samenwerkingsverbanden with their
 * members, and the machine API keys (kept as SHA-256 hashes). Loaded from {@code organisations.yaml}.
 * Each organisation and chain party may have an {@code oin} (20 digits, unique): the OIN in the subject
 * serialNumber of its PKIoverheid client certificate, by which a two-way TLS door knows it.
 */
public final class OrganisationRegistry {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gemeente(String code, String name, String oin) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Samenwerkingsverband(String id, String name, List<String> members, String oin) {
        public Samenwerkingsverband {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /** {@code sha256} is the hex SHA-256 of the key; {@code demo} keys work only in the demo profile. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiKey(String organisation, String sha256, boolean demo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Document(List<Gemeente> gemeenten, List<Samenwerkingsverband> samenwerkingsverbanden,
                    List<ChainParty> chainParties, List<ApiKey> apiKeys) {
    }

    /**
     * A party of the chain side (e.g. RINIS) that calls the web service with its own key. Not an organisation
     * that delivers: it has no inbox and cannot use the delivery API.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChainParty(String id, String name, String oin) {
    }

    private final Map<String, Gemeente> gemeenten = new LinkedHashMap<>();
    private final Map<String, Samenwerkingsverband> samenwerkingsverbanden = new LinkedHashMap<>();
    private final Map<String, ApiKey> keysByHash = new LinkedHashMap<>();
    private final Map<String, ChainParty> chainParties = new LinkedHashMap<>();
    private final Map<String, String> byOin = new LinkedHashMap<>();

    private OrganisationRegistry(Document document) {
        for (Gemeente g : nullSafe(document.gemeenten())) {
            if (g.code() == null || !g.code().matches("\\d{4}")) {
                throw new IllegalArgumentException("gemeente code must be 4 digits: " + g.code());
            }
            gemeenten.put(g.code(), g);
            registerOin(g.oin(), g.code());
        }
        for (Samenwerkingsverband s : nullSafe(document.samenwerkingsverbanden())) {
            for (String member : s.members()) {
                if (!gemeenten.containsKey(member)) {
                    throw new IllegalArgumentException("samenwerkingsverband " + s.id() + " names unknown member " + member);
                }
            }
            samenwerkingsverbanden.put(s.id(), s);
            registerOin(s.oin(), s.id());
        }
        for (ChainParty party : nullSafe(document.chainParties())) {
            chainParties.put(party.id(), party);
            registerOin(party.oin(), party.id());
        }
        for (ApiKey key : nullSafe(document.apiKeys())) {
            if (!isKnown(key.organisation()) && !isChainParty(key.organisation())) {
                throw new IllegalArgumentException("API key for unknown organisation " + key.organisation());
            }
            keysByHash.put(key.sha256().toLowerCase(), key);
        }
    }

    private void registerOin(String oin, String organisation) {
        if (oin == null) {
            return;
        }
        if (!oin.matches("\\d{20}")) {
            throw new IllegalArgumentException("oin of " + organisation + " must be 20 digits: " + oin);
        }
        String earlier = byOin.putIfAbsent(oin, organisation);
        if (earlier != null) {
            throw new IllegalArgumentException("oin " + oin + " is given to both " + earlier + " and " + organisation);
        }
    }

    /**
     * The organisation (gemeentecode, samenwerkingsverband id or chain party) whose {@code oin} this is, as a
     * door that knows its caller by a client certificate asks.
     */
    public Optional<String> organisationOfOin(String oin) {
        return Optional.ofNullable(oin == null ? null : byOin.get(oin));
    }

    /**
     * Reads {@code organisations.yaml}. Keys it does not know are ignored (a newer file still loads); a value of the
     * wrong kind names its line. Read without a data binder, so that the offline {@code validate} command does not
     * pay a YAML library's start-up for it ({@link YamlReader}).
     */
    public static OrganisationRegistry load(InputStream yaml) throws IOException {
        YamlNode root;
        try {
            root = YamlReader.read(yaml.readAllBytes());
        } catch (YamlException e) {
            throw new IOException("organisations.yaml, line " + e.line() + ": " + e.getMessage(), e);
        }
        if (root == null) {
            return new OrganisationRegistry(new Document(null, null, null, null));
        }
        try {
            YamlNode.Mapping document = mapping(root);
            List<Gemeente> gemeenten = new java.util.ArrayList<>();
            for (YamlNode.Mapping m : mappings(document, "gemeenten")) {
                gemeenten.add(new Gemeente(m.text("code"), m.text("name"), m.text("oin")));
            }
            List<Samenwerkingsverband> samenwerkingsverbanden = new java.util.ArrayList<>();
            for (YamlNode.Mapping m : mappings(document, "samenwerkingsverbanden")) {
                samenwerkingsverbanden.add(new Samenwerkingsverband(m.text("id"), m.text("name"), m.texts("members"),
                        m.text("oin")));
            }
            List<ChainParty> chainParties = new java.util.ArrayList<>();
            for (YamlNode.Mapping m : mappings(document, "chainParties")) {
                chainParties.add(new ChainParty(m.text("id"), m.text("name"), m.text("oin")));
            }
            List<ApiKey> apiKeys = new java.util.ArrayList<>();
            for (YamlNode.Mapping m : mappings(document, "apiKeys")) {
                apiKeys.add(new ApiKey(m.text("organisation"), m.text("sha256"), m.bool("demo")));
            }
            return new OrganisationRegistry(new Document(gemeenten, samenwerkingsverbanden, chainParties, apiKeys));
        } catch (YamlValueException e) {
            throw new IOException("organisations.yaml, line " + e.line() + ": " + e.getMessage(), e);
        }
    }

    private static YamlNode.Mapping mapping(YamlNode node) throws IOException {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw new IOException("organisations.yaml, line " + node.line() + ": expected keys with values");
    }

    private static List<YamlNode.Mapping> mappings(YamlNode.Mapping mapping, String key) throws IOException {
        List<YamlNode.Mapping> all = new java.util.ArrayList<>();
        for (YamlNode item : mapping.items(key)) {
            all.add(mapping(item));
        }
        return all;
    }

    /** Every registered organisation: the gemeentecodes, then the samenwerkingsverband ids. */
    public List<String> organisations() {
        List<String> all = new java.util.ArrayList<>(gemeenten.keySet());
        all.addAll(samenwerkingsverbanden.keySet());
        return all;
    }

    public boolean isGemeente(String code) {
        return code != null && gemeenten.containsKey(code);
    }

    public boolean isSamenwerkingsverband(String id) {
        return id != null && samenwerkingsverbanden.containsKey(id);
    }

    /** A chain-side identity (organisations.yaml {@code chainParties}), e.g. RINIS. */
    public boolean isChainParty(String id) {
        return id != null && chainParties.containsKey(id);
    }

    public boolean isKnown(String organisation) {
        return isGemeente(organisation) || isSamenwerkingsverband(organisation);
    }

    public Optional<Gemeente> gemeente(String code) {
        return Optional.ofNullable(gemeenten.get(code));
    }

    public Optional<Samenwerkingsverband> samenwerkingsverband(String id) {
        return Optional.ofNullable(samenwerkingsverbanden.get(id));
    }

    /** Display name of a gemeente or samenwerkingsverband, or the identifier itself when unknown. */
    public String displayName(String organisation) {
        if (isGemeente(organisation)) {
            return gemeenten.get(organisation).name();
        }
        if (isSamenwerkingsverband(organisation)) {
            return samenwerkingsverbanden.get(organisation).name();
        }
        return organisation;
    }

    /**
     * Whether {@code sender} may deliver or send on behalf of gemeente {@code gemeentecode}: the gemeente
     * itself, or a samenwerkingsverband that has it as a member.
     */
    public boolean mayActFor(String sender, String gemeentecode) {
        if (sender == null || gemeentecode == null || !isGemeente(gemeentecode)) {
            return false;
        }
        if (sender.equals(gemeentecode)) {
            return true;
        }
        Samenwerkingsverband swv = samenwerkingsverbanden.get(sender);
        return swv != null && swv.members().contains(gemeentecode);
    }

    /**
     * Whether {@code caller} may read what concerns {@code organisation} (deliveries, outbox, foutrapportage):
     * the organisation itself, or a samenwerkingsverband it is a member of.
     */
    public boolean mayReadFor(String caller, String organisation) {
        return caller != null && (caller.equals(organisation) || mayActFor(caller, organisation));
    }

    /** The organisation an API key belongs to; demo keys count only when {@code demoKeysAccepted}. */
    public Optional<String> authenticate(String apiKey, boolean demoKeysAccepted) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        ApiKey key = keysByHash.get(sha256Hex(apiKey));
        if (key == null || (key.demo() && !demoKeysAccepted)) {
            return Optional.empty();
        }
        return Optional.of(key.organisation());
    }

    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
