package nl.ggk.hub.classify;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.stuf.EnvelopeException;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.zip.ZipSplitter;

/**
 * Tells what a delivered file is and whether the delivering organisation may send it. In order (domain §4):
 * a StUF-GGk envelope by its {@code functie} and zender organisatie; an iWmo/iJw message by namespace and
 * BerichtCode; magic bytes; a GMSD or SVB file name. Reads only what it needs: the root and Header of an XML
 * message, a streaming pass over an envelope, the first bytes otherwise.
 */
public final class Classifier {

    public static final String PAYLOAD_INVALID = "payload-invalid";
    public static final String NOT_AUTHORISED = "not-authorised";
    public static final String SENDER_NOT_AUTHORISED = "sender-not-authorised";
    public static final String FUNCTIE_NOT_SUPPORTED = "functie-not-supported";

    private static final Pattern GEMEENTECODE = Pattern.compile("\\d{4}");
    private static final Pattern GMSD_TYPE = Pattern.compile("^\\d{4}_([A-Za-z]+)_");
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD_BYTES = 512;
    private static final Pattern BSN_LIKE = Pattern.compile("(?<!\\d)\\d{9}(?!\\d)");

    private final MessageTypes messageTypes;
    private final OrganisationRegistry registry;
    private final Predicate<String> isGmsdFileName;
    private final EnvelopeReader envelopeReader = new EnvelopeReader();
    private final XMLInputFactory xmlFactory;

    /**
     * @param isGmsdFileName tells whether a file name is a GMSD CSV (or the opt-in file); its type is taken from
     *                       the name's second part ({@code 0384_JEUGD_2026H1.csv} gives {@code JEUGD})
     */
    public Classifier(MessageTypes messageTypes, OrganisationRegistry registry, Predicate<String> isGmsdFileName) {
        this.messageTypes = messageTypes;
        this.registry = registry;
        this.isGmsdFileName = isGmsdFileName;
        xmlFactory = XMLInputFactory.newFactory();
        xmlFactory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xmlFactory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xmlFactory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    /**
     * @param name          the file name as delivered (only its base name is looked at)
     * @param payload       the file's content on disk
     * @param deliveringOrg the authenticated deliverer: a 4-digit gemeentecode or a samenwerkingsverband id
     * @throws IOException the file cannot be read (an internal problem, not the sender's)
     */
    public Classification classify(String name, Path payload, String deliveringOrg) throws IOException {
        java.util.Objects.requireNonNull(deliveringOrg, "deliveringOrg");
        byte[] head = head(payload);
        if (looksLikeXml(head)) {
            Optional<Classification> xml = classifyXml(payload, deliveringOrg);
            if (xml.isPresent()) {
                return xml.get();
            }
        }
        if (ZipSplitter.looksLikeZip(head)) {
            return unknown("a ZIP archive must be split before its files are classified");
        }
        if (startsWith(head, PDF_MAGIC)) {
            return unknown("a PDF document is not a message a sender may deliver");
        }
        String baseName = baseName(name);
        if (isGmsdFileName.test(baseName)) {
            return new Classification(Kind.CBS, gmsdType(baseName), null, deliveringOrg, "CBS", deliveringOrg, null,
                    null, null, null);
        }
        Optional<String> svbPrefix = messageTypes.svbFileNamePrefix(baseName);
        if (svbPrefix.isPresent()) {
            return new Classification(Kind.SVB, svbPrefix.get().toUpperCase(Locale.ROOT), null, deliveringOrg, "SVB",
                    deliveringOrg, null, null, null, null);
        }
        return unknown("not a GGk envelope, iWmo/iJw message, GMSD or SVB file");
    }

    private Optional<Classification> classifyXml(Path payload, String deliveringOrg) throws IOException {
        MessageType recognised = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(payload))) {
            XMLStreamReader xml = xmlFactory.createXMLStreamReader(in);
            try {
                xml.nextTag();
                String namespace = xml.getNamespaceURI();
                String root = xml.getLocalName();
                if (EnvelopeReader.isEnvelopeRoot(namespace, root)) {
                    return Optional.of(classifyEnvelope(payload, deliveringOrg));
                }
                Optional<Kind> istandaard = messageTypes.istandaardKind(namespace);
                Optional<MessageType> type = messageTypes.byNamespace(namespace);
                if (type.isEmpty() && istandaard.isEmpty()) {
                    return Optional.empty();
                }
                if (type.isEmpty()) {
                    return Optional.of(new Classification(istandaard.get(), null, null, null, null, null, null, null,
                            FUNCTIE_NOT_SUPPORTED, "message namespace " + shown(namespace) + " is not a supported message type"));
                }
                recognised = type.get();
                return Optional.of(classifyIstandaard(xml, root, recognised, deliveringOrg));
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            if (recognised != null) {
                return Optional.of(new Classification(recognised.kind(), recognised.functie(), null, null, null, null,
                        recognised.direction(), null, PAYLOAD_INVALID, "message is not well-formed XML"));
            }
            return Optional.empty(); // not XML after all: let magic bytes and file name decide
        }
    }

    private Classification classifyIstandaard(XMLStreamReader xml, String root, MessageType type, String deliveringOrg)
            throws XMLStreamException {
        Classification base = new Classification(type.kind(), type.functie(), null, null, null, null, type.direction(),
                null, null, null);
        if (!"Bericht".equals(root)) {
            return base.rejected(PAYLOAD_INVALID, "root element is " + root + ", expected Bericht");
        }
        Header header = readHeader(xml);
        if (header == null) {
            return base.rejected(PAYLOAD_INVALID, "message has no Header with BerichtCode, Afzender and Ontvanger");
        }
        String actualSender = type.retour() ? header.ontvanger : header.afzender;
        Classification found = new Classification(type.kind(), type.functie(), header.berichtCode, header.afzender,
                header.ontvanger, actualSender, type.direction(), null, null, null);
        if (!type.berichtCode().equals(header.berichtCode)) {
            Optional<String> claimed = messageTypes.all().stream()
                    .filter(t -> t.berichtCode().equals(header.berichtCode)).map(MessageType::functie).findFirst();
            return found.rejected(PAYLOAD_INVALID, "namespace says " + type.functie() + " (BerichtCode "
                    + type.berichtCode() + ") but Header/BerichtCode is " + shown(header.berichtCode)
                    + claimed.map(f -> " (" + f + ")").orElse(""));
        }
        String refusal = senderRefusal(type, actualSender, deliveringOrg);
        return refusal == null ? found : found.rejected(SENDER_NOT_AUTHORISED, refusal);
    }

    private Classification classifyEnvelope(Path payload, String deliveringOrg) throws IOException {
        Envelope envelope;
        String envelopeReason = null;
        String envelopeDetail = null;
        try {
            envelope = envelopeReader.read(payload);
        } catch (EnvelopeException e) {
            if (e.envelope().isEmpty()) {
                return new Classification(Kind.UNKNOWN, null, null, null, null, null, null, null, e.reasonKey(),
                        e.detail());
            }
            envelope = e.envelope().get();
            envelopeReason = e.reasonKey();
            envelopeDetail = e.detail();
        }
        String zender = envelope.zender().organisatie();
        String functie = envelope.functie();
        Optional<MessageType> type = messageTypes.byFunctie(functie);
        Kind kind = type.map(MessageType::kind)
                .orElse(messageTypes.isCbsFunctie(functie) ? Kind.CBS
                        : messageTypes.isSvbFunctie(functie) ? Kind.SVB : Kind.UNKNOWN);
        Classification found = new Classification(kind, functie, type.map(MessageType::berichtCode).orElse(null),
                zender, envelope.ontvanger().organisatie(), zender, type.map(MessageType::direction).orElse(null),
                envelope, null, null);
        if (envelopeReason != null) {
            return found.rejected(envelopeReason, envelopeDetail);
        }
        if (!zender.equals(deliveringOrg) && !registry.mayActFor(deliveringOrg, zender)) {
            return found.rejected(NOT_AUTHORISED, "envelope zender organisatie " + shown(zender) + " is not "
                    + deliveringOrg + " nor a member of it");
        }
        if (kind == Kind.UNKNOWN) {
            return found.rejected(FUNCTIE_NOT_SUPPORTED, "envelope functie " + shown(functie) + " is not supported");
        }
        if (type.isPresent()) {
            // the envelope's zender is the one sending, retour message or not
            String refusal = directionRefusal(type.get(), zender);
            if (refusal != null) {
                return found.rejected(SENDER_NOT_AUTHORISED, refusal);
            }
        }
        return found;
    }

    /** Whether {@code deliveringOrg} may send this message, whose real sender is {@code actualSender}. */
    private String senderRefusal(MessageType type, String actualSender, String deliveringOrg) {
        String refusal = directionRefusal(type, actualSender);
        if (refusal != null) {
            return refusal;
        }
        if (type.direction() == Direction.GEMEENTE_NAAR_AANBIEDER) {
            if (!actualSender.equals(deliveringOrg) && !registry.mayActFor(deliveringOrg, actualSender)) {
                return type.functie() + " is sent by gemeente " + shown(actualSender) + ", which " + deliveringOrg
                        + " may not act for";
            }
            return null;
        }
        if (registry.isKnown(deliveringOrg) || GEMEENTECODE.matcher(deliveringOrg).matches()) {
            return type.functie() + " travels from aanbieder to gemeente; " + deliveringOrg
                    + " is a gemeente or samenwerkingsverband and may not send it";
        }
        if (!actualSender.equals(deliveringOrg)) {
            return type.functie() + " is sent by " + shown(actualSender) + ", not by " + deliveringOrg;
        }
        return null;
    }

    /** A gemeente→aanbieder message must come from a gemeente, an aanbieder→gemeente message must not. */
    private static String directionRefusal(MessageType type, String sender) {
        boolean senderIsGemeente = sender != null && GEMEENTECODE.matcher(sender).matches();
        if (type.direction() == Direction.GEMEENTE_NAAR_AANBIEDER && !senderIsGemeente) {
            return type.functie() + " travels from gemeente to aanbieder, but its sender " + shown(sender)
                    + " is not a gemeente";
        }
        if (type.direction() == Direction.AANBIEDER_NAAR_GEMEENTE && senderIsGemeente) {
            return type.functie() + " travels from aanbieder to gemeente, but its sender " + sender + " is a gemeente";
        }
        return null;
    }

    private record Header(String berichtCode, String afzender, String ontvanger) {
    }

    /** Reads the Header's BerichtCode, Afzender and Ontvanger and stops: the client data is never read. */
    private static Header readHeader(XMLStreamReader xml) throws XMLStreamException {
        String namespace = xml.getNamespaceURI();
        if (xml.nextTag() != XMLStreamConstants.START_ELEMENT || !"Header".equals(xml.getLocalName())
                || !namespace.equals(xml.getNamespaceURI())) {
            return null;
        }
        String berichtCode = null;
        String afzender = null;
        String ontvanger = null;
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (depth == 1 && namespace.equals(xml.getNamespaceURI())) {
                    switch (xml.getLocalName()) {
                        case "BerichtCode" -> berichtCode = xml.getElementText().strip();
                        case "Afzender" -> afzender = xml.getElementText().strip();
                        case "Ontvanger" -> ontvanger = xml.getElementText().strip();
                        default -> depth++;
                    }
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            if (berichtCode != null && afzender != null && ontvanger != null) {
                break;
            }
        }
        if (isBlank(berichtCode) || isBlank(afzender) || isBlank(ontvanger)) {
            return null;
        }
        return new Header(berichtCode, afzender, ontvanger);
    }

    private static Classification unknown(String detail) {
        return new Classification(Kind.UNKNOWN, null, null, null, null, null, null, null, FUNCTIE_NOT_SUPPORTED,
                detail);
    }

    private static String gmsdType(String baseName) {
        Matcher matcher = GMSD_TYPE.matcher(baseName);
        return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : "GMSD";
    }

    private static byte[] head(Path payload) throws IOException {
        try (InputStream in = Files.newInputStream(payload)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /** Starts with {@code <}, after an optional UTF-8 BOM and whitespace. */
    private static boolean looksLikeXml(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf
                ? 3 : 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i < head.length && head[i] == '<';
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static String baseName(String name) {
        if (name == null) {
            return "";
        }
        String normalised = name.replace('\\', '/');
        return normalised.substring(normalised.lastIndexOf('/') + 1);
    }

    /**
     * A sender-supplied value fit for an operator's detail: short, and a 9-digit number (possibly a BSN put in
     * the wrong field) masked.
     */
    static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        String shortened = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return BSN_LIKE.matcher(shortened).replaceAll(m -> "*****" + m.group().substring(5));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
