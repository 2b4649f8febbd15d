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
import java.util.function.Function;
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
 * Tells what a delivered file is and whether the delivering organisation may send it. Content first, the name
 * only after; in order (domain §4):
 * a StUF-GGk envelope by its {@code functie} and zender organisatie; an iWmo/iJw message by namespace and
 * BerichtCode; magic bytes; a GMSD or SVB file name; a CSV with any other name is refused with GGK002 and told
 * how to name it. Reads only what it needs: the root and Header of an XML
 * message, a streaming pass over an envelope, the first bytes otherwise.
 */
public final class Classifier {

    public static final String PAYLOAD_INVALID = "payload-invalid";
    public static final String NOT_AUTHORISED = "not-authorised";
    public static final String SENDER_NOT_AUTHORISED = "sender-not-authorised";
    public static final String FUNCTIE_NOT_SUPPORTED = "functie-not-supported";
    public static final String GMSD_FILENAME_INVALID = "gmsd-filename-invalid";
    public static final String GEMEENTE_MISMATCH = "gemeente-mismatch";

    private static final Pattern GEMEENTECODE = Pattern.compile("\\d{4}");
    private static final Pattern GMSD_TYPE = Pattern.compile("^\\d{4}_([A-Za-z]+)_");
    private static final Pattern GMSD_GEMEENTE = Pattern.compile("^(\\d{4})_");
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD_BYTES = 512;
    private static final String WHAT_TO_SEND = "Lever een iWmo/iJw-bericht (XML), StUF-GGk-envelop, GMSD-bestand"
            + " (CSV) of een ZIP daarmee aan.";
    private static final Pattern BSN_LIKE = Pattern.compile("(?<!\\d)\\d{9}(?!\\d)");

    private final MessageTypes messageTypes;
    private final OrganisationRegistry registry;
    private final Predicate<String> isGmsdFileName;
    private final GemeenteAgreement agreement;
    private final Function<String, Optional<String>> gemeenteOfGmsdName;
    private final EnvelopeReader envelopeReader = new EnvelopeReader();
    /** How much of an envelope's decoded xmlBestand is read to recognise the message in it. */
    private static final int HEAD_OF_XMLBESTAND = 64 * 1024;
    private final XMLInputFactory xmlFactory;

    /**
     * @param isGmsdFileName tells whether a file name is a GMSD CSV (or the opt-in file); its type is taken from
     *                       the name's second part ({@code 0384_JEUGD_2026H1.csv} gives {@code JEUGD})
     */
    public Classifier(MessageTypes messageTypes, OrganisationRegistry registry, Predicate<String> isGmsdFileName) {
        this(messageTypes, registry, isGmsdFileName, Classifier::leadingGemeentecode);
    }

    /**
     * @param isGmsdFileName      as above
     * @param gemeenteOfGmsdName  the gemeentecode a GMSD file name holds (the specification's {@code gemeentecode}
     *                            group); asked only for a name {@code isGmsdFileName} accepts
     */
    public Classifier(MessageTypes messageTypes, OrganisationRegistry registry, Predicate<String> isGmsdFileName,
                      Function<String, Optional<String>> gemeenteOfGmsdName) {
        this.gemeenteOfGmsdName = gemeenteOfGmsdName;
        this.messageTypes = messageTypes;
        this.registry = registry;
        this.isGmsdFileName = isGmsdFileName;
        this.agreement = new GemeenteAgreement(registry);
        xmlFactory = XMLInputFactory.newFactory();
        xmlFactory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xmlFactory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xmlFactory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    /**
     * Classifies an entry of a delivery its deliverer made for itself: {@link #classify(String, Path, String, String)}
     * with {@code deliveringOrg} as both the identity and the organisation delivered for.
     */
    public Classification classify(String name, Path payload, String deliveringOrg) throws IOException {
        return classify(name, payload, deliveringOrg, deliveringOrg);
    }

    /**
     * What the entry is, whether the identity may send it, and whether the one gemeente its payload names is the one
     * the delivery is for (see {@link GemeenteAgreement}): a samenwerkingsverband that chose Leiderdorp cannot hand
     * in Leiden's file.
     *
     * @param name          the file name as delivered (only its base name is looked at)
     * @param payload       the file's content on disk
     * @param deliveringOrg the authenticated deliverer: a 4-digit gemeentecode or a samenwerkingsverband id
     * @param organisation  the organisation the delivery is for: the gemeente a samenwerkingsverband chose
     *                      ({@code X-Organisation}, the portal, {@code GgkOrganisation}, the envelope's zender) or the
     *                      deliverer itself; {@code null} means the deliverer
     * @throws IOException the file cannot be read (an internal problem, not the sender's)
     */
    public Classification classify(String name, Path payload, String deliveringOrg, String organisation)
            throws IOException {
        Classification c = classifyContent(name, payload, deliveringOrg);
        if (!c.accepted()) {
            return c;
        }
        String refusal = agreement.refusal(c, baseName(name), deliveringOrg,
                organisation == null || organisation.isBlank() ? deliveringOrg : organisation);
        return refusal == null ? c : c.rejected(GEMEENTE_MISMATCH, refusal);
    }

    private Classification classifyContent(String name, Path payload, String deliveringOrg) throws IOException {
        java.util.Objects.requireNonNull(deliveringOrg, "deliveringOrg");
        byte[] head = head(payload);
        if (looksLikeXml(head)) {
            Optional<Classification> xml = classifyXml(payload, deliveringOrg);
            if (xml.isPresent()) {
                return xml.get();
            }
        }
        if (ZipSplitter.looksLikeZip(head)) {
            return unknown("Het bestand is een ZIP-bestand in een ZIP-bestand of een ZIP-bestand dat niet uitgepakt kon"
                    + " worden. Lever de bestanden los of in één ZIP-bestand aan.");
        }
        if (startsWith(head, PDF_MAGIC)) {
            return unknown("Een PDF-document kan niet worden aangeleverd. " + WHAT_TO_SEND);
        }
        String baseName = baseName(name);
        boolean text = looksLikeText(head);
        // no text test here: a GMSD file in the wrong encoding (UTF-16) gets the check's explanation, not IB004
        if (isGmsdFileName.test(baseName)) {
            return new Classification(Kind.CBS, gmsdType(baseName), null, deliveringOrg, "CBS", deliveringOrg, null,
                    null, gmsdGemeente(baseName), null, null);
        }
        Optional<String> svbPrefix = messageTypes.svbFileNamePrefix(baseName);
        if (svbPrefix.isPresent()) {
            return new Classification(Kind.SVB, svbPrefix.get().toUpperCase(Locale.ROOT), null, deliveringOrg, "SVB",
                    deliveringOrg, null, null, null, null, null);
        }
        if (GmsdNameAdvice.isCsvName(baseName) || (text && looksLikeSemicolonCsv(head))) {
            // a CSV the sender meant for CBS, named wrongly: say how to name it (GGK002), not "unknown kind"
            return new Classification(Kind.CBS, null, null, deliveringOrg, "CBS", deliveringOrg, null, null, null,
                    GMSD_FILENAME_INVALID, GmsdNameAdvice.detail(baseName, isGmsdFileName, deliveringOrg));
        }
        if (!text) {
            return unknown("Het bestand is geen tekst en geen bekend soort bestand. " + WHAT_TO_SEND);
        }
        return unknown("Onbekend soort bestand. " + WHAT_TO_SEND);
    }

    /**
     * Whether the content alone marks a file as something other than a ZIP (an XML document, a PDF, text), so a
     * {@code .zip} in its name must not make it one.
     */
    public static boolean contentIsNotZip(Path payload) throws IOException {
        byte[] head = head(payload);
        return head.length > 0 && !ZipSplitter.looksLikeZip(head)
                && (looksLikeXml(head) || startsWith(head, PDF_MAGIC) || looksLikeText(head));
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
                            null, FUNCTIE_NOT_SUPPORTED, "Het berichttype met namespace " + shown(namespace) + " wordt niet"
                            + " ondersteund. Lever een bericht van een ondersteunde iWmo/iJw-release aan."));
                }
                recognised = type.get();
                return Optional.of(classifyIstandaard(xml, root, recognised, deliveringOrg));
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            if (recognised != null) {
                return Optional.of(new Classification(recognised.kind(), recognised.functie(), null, null, null, null,
                        recognised.direction(), null, null, PAYLOAD_INVALID, "Het bericht " + recognised.functie()
                        + " is geen geldige (well-formed) XML. Controleer het bestand en lever het opnieuw aan."));
            }
            return Optional.empty(); // not XML after all: let magic bytes and file name decide
        }
    }

    private Classification classifyIstandaard(XMLStreamReader xml, String root, MessageType type, String deliveringOrg)
            throws XMLStreamException {
        Classification base = new Classification(type.kind(), type.functie(), null, null, null, null, type.direction(),
                null, null, null, null);
        if (!"Bericht".equals(root)) {
            return base.rejected(PAYLOAD_INVALID, "Het hoofdelement is " + shown(root) + "; verwacht is Bericht."
                    + " Lever het bericht aan zoals de iStandaard het voorschrijft.");
        }
        Header header = readHeader(xml);
        if (header == null) {
            return base.rejected(PAYLOAD_INVALID, "Het bericht heeft geen Header met BerichtCode, Afzender en"
                    + " Ontvanger. Vul de Header aan en lever het bericht opnieuw aan.");
        }
        String actualSender = type.retour() ? header.ontvanger : header.afzender;
        Classification found = new Classification(type.kind(), type.functie(), header.berichtCode, header.afzender,
                header.ontvanger, actualSender, type.direction(), null,
                type.direction() == Direction.GEMEENTE_NAAR_AANBIEDER ? actualSender : null, null, null);
        if (!type.berichtCode().equals(header.berichtCode)) {
            Optional<String> claimed = messageTypes.all().stream()
                    .filter(t -> t.berichtCode().equals(header.berichtCode)).map(MessageType::functie).findFirst();
            return found.rejected(PAYLOAD_INVALID, "De namespace zegt " + type.functie() + " (BerichtCode "
                    + type.berichtCode() + "), maar Header/BerichtCode is " + shown(header.berichtCode)
                    + claimed.map(f -> " (" + f + ")").orElse("") + ". Maak ze gelijk en lever het bericht opnieuw aan.");
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
                return new Classification(Kind.UNKNOWN, null, null, null, null, null, null, null, null, e.reasonKey(),
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
                envelope, registry.isSamenwerkingsverband(zender) ? null : zender, null, null);
        if (envelopeReason != null) {
            return found.rejected(envelopeReason, envelopeDetail);
        }
        if (!zender.equals(deliveringOrg) && !registry.mayActFor(deliveringOrg, zender)) {
            return found.rejected(NOT_AUTHORISED, "De zender in de envelop is " + agreement.named(zender)
                    + ", waarvoor " + agreement.named(deliveringOrg) + " niet mag aanleveren.");
        }
        if (kind == Kind.UNKNOWN) {
            return found.rejected(FUNCTIE_NOT_SUPPORTED, "De functie " + shown(functie) + " in de envelop wordt"
                    + " niet ondersteund. Gebruik de functie van het bericht, bijvoorbeeld WMO301 of JW315.");
        }
        // what the envelope holds names a gemeente too: the CSV's name, the message's Afzender
        String inner = null;
        String innerNoun = null;
        String innerWhat = null;
        if (type.isPresent()) {
            // the envelope's zender is the one sending, retour message or not
            String refusal = directionRefusal(type.get(), zender);
            if (refusal != null) {
                return found.rejected(SENDER_NOT_AUTHORISED, refusal);
            }
            if (envelope.payloadType() == Envelope.PayloadType.XML) {
                XmlBestand xmlBestand = xmlBestand(payload, type.get());
                if (xmlBestand.refusal() != null) {
                    return found.rejected(PAYLOAD_INVALID, xmlBestand.refusal());
                }
                inner = xmlBestand.gemeente();
                innerNoun = "het bericht";
                innerWhat = innerNoun + " " + type.get().functie();
            }
        } else if (kind == Kind.CBS && envelope.bestandsnaam() != null) {
            inner = gmsdGemeente(baseName(envelope.bestandsnaam()));
            innerNoun = "het bestand";
            innerWhat = innerNoun + " " + GemeenteAgreement.bounded(baseName(envelope.bestandsnaam()));
        }
        if (inner != null && found.gemeente() != null && !inner.equals(found.gemeente())) {
            return found.rejected(GEMEENTE_MISMATCH, "De zender in de envelop is " + agreement.named(zender)
                    + ", maar " + innerWhat + " is van " + agreement.named(inner) + ". Zet de gemeente van "
                    + innerNoun + " als zender.");
        }
        return found.gemeente() == null && inner != null ? found.naming(inner) : found;
    }

    /**
     * What the xmlBestand of an envelope holds: {@code refusal} when it is not the message the functie says, else
     * the gemeente its Header names as sender ({@code null} when it names none).
     */
    private record XmlBestand(String refusal, String gemeente) {
    }

    /**
     * The envelope's functie says which iWmo/iJw message its xmlBestand holds: it must start as one (XML whose root is
     * Bericht in that message's namespace), or the payload is not valid against its schema. Only the first bytes of
     * the decoded payload are kept: the root element is all this looks at.
     */
    private XmlBestand xmlBestand(Path envelope, MessageType declared) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream(HEAD_OF_XMLBESTAND);
        java.io.OutputStream firstBytes = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                if (head.size() < HEAD_OF_XMLBESTAND) {
                    head.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                head.write(b, off, Math.max(0, Math.min(len, HEAD_OF_XMLBESTAND - head.size())));
            }
        };
        try {
            envelopeReader.extractPayload(envelope, firstBytes);
        } catch (EnvelopeException e) {
            return new XmlBestand("Het xmlBestand in de envelop kan niet worden gelezen. Lever het bericht opnieuw aan.",
                    null);
        }
        try {
            XMLStreamReader xml = xmlFactory.createXMLStreamReader(new java.io.ByteArrayInputStream(head.toByteArray()));
            try {
                xml.nextTag();
                Optional<MessageType> type = messageTypes.byNamespace(xml.getNamespaceURI());
                if ("Bericht".equals(xml.getLocalName()) && type.isPresent()
                        && type.get().functie().equals(declared.functie())) {
                    return new XmlBestand(null, senderGemeente(xml, declared));
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            // not XML: refused below
        }
        return new XmlBestand("Het xmlBestand in de envelop is geen " + declared.functie() + "-bericht, terwijl de"
                + " functie " + declared.functie() + " is. Lever het bericht aan zoals de iStandaard het voorschrijft.",
                null);
    }

    /**
     * The gemeente that sends a gemeente's message, as its Header says (the Afzender, for a retour message the
     * Ontvanger); {@code null} for a message of an aanbieder or a Header that cannot be read in the first bytes.
     */
    private static String senderGemeente(XMLStreamReader xml, MessageType type) {
        if (type.direction() != Direction.GEMEENTE_NAAR_AANBIEDER) {
            return null;
        }
        try {
            Header header = readHeader(xml);
            return header == null ? null : type.retour() ? header.ontvanger : header.afzender;
        } catch (XMLStreamException e) {
            return null;
        }
    }

    /** Whether {@code deliveringOrg} may send this message, whose real sender is {@code actualSender}. */
    private String senderRefusal(MessageType type, String actualSender, String deliveringOrg) {
        String refusal = directionRefusal(type, actualSender);
        if (refusal != null) {
            return refusal;
        }
        if (type.direction() == Direction.GEMEENTE_NAAR_AANBIEDER) {
            if (!actualSender.equals(deliveringOrg) && !registry.mayActFor(deliveringOrg, actualSender)) {
                return type.functie() + " heeft als afzender " + agreement.named(actualSender) + ", waarvoor "
                        + agreement.named(deliveringOrg) + " niet mag aanleveren.";
            }
            return null;
        }
        if (registry.isKnown(deliveringOrg) || GEMEENTECODE.matcher(deliveringOrg).matches()) {
            return type.functie() + " is een bericht van aanbieder aan gemeente; een gemeente of"
                    + " samenwerkingsverband (hier " + deliveringOrg + ") kan het niet versturen, alleen de"
                    + " aanbieder.";
        }
        if (!actualSender.equals(deliveringOrg)) {
            return type.functie() + " wordt verstuurd door " + shown(actualSender) + ", niet door uw organisatie "
                    + deliveringOrg + ". Lever alleen berichten aan die uw organisatie zelf verstuurt.";
        }
        return null;
    }

    /** A gemeente→aanbieder message must come from a gemeente, an aanbieder→gemeente message must not. */
    private static String directionRefusal(MessageType type, String sender) {
        boolean senderIsGemeente = sender != null && GEMEENTECODE.matcher(sender).matches();
        if (type.direction() == Direction.GEMEENTE_NAAR_AANBIEDER && !senderIsGemeente) {
            return type.functie() + " is een bericht van gemeente aan aanbieder, maar de afzender " + shown(sender)
                    + " is geen gemeente. Zet de 4-cijferige gemeentecode als afzender.";
        }
        if (type.direction() == Direction.AANBIEDER_NAAR_GEMEENTE && senderIsGemeente) {
            return type.functie() + " is een bericht van aanbieder aan gemeente; een gemeente (hier " + sender
                    + ") kan het niet versturen, alleen de aanbieder.";
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
        return new Classification(Kind.UNKNOWN, null, null, null, null, null, null, null, null, FUNCTIE_NOT_SUPPORTED,
                detail);
    }

    /** The gemeentecode a GMSD file name starts with, {@code null} when the name is not a GMSD file name. */
    private String gmsdGemeente(String baseName) {
        return isGmsdFileName.test(baseName) ? gemeenteOfGmsdName.apply(baseName).orElse(null) : null;
    }

    /** The gemeentecode of a name of the working specification's form {@code <gemeentecode>_<TYPE>_…}. */
    private static Optional<String> leadingGemeentecode(String baseName) {
        Matcher matcher = GMSD_GEMEENTE.matcher(baseName);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
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

    /** No NUL byte and no other control character than tab, CR, LF, form feed in the first bytes. */
    private static boolean looksLikeText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    /** A first line with at least two semicolons: the GMSD CSV layout. */
    private static boolean looksLikeSemicolonCsv(byte[] head) {
        int semicolons = 0;
        for (byte b : head) {
            if (b == '\n') {
                break;
            }
            if (b == ';') {
                semicolons++;
            }
        }
        return semicolons >= 2 && !looksLikeXml(head);
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
