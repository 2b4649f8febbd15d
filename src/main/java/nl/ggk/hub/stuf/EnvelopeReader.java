package nl.ggk.hub.stuf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a StUF-GGk 0210 envelope with StAX, in one pass and constant memory: the base64 payload is decoded
 * straight into a caller's {@link OutputStream}. Checks the structure the GGk relies on (required stuurgegevens,
 * berichtcode matching the root, one payload, bestandsnaam syntax) and that referentienummer (and a Du01's
 * crossRefnummer) is a lower-case UUID version 4. It is not a full XSD validation.
 */
public final class EnvelopeReader {

    public static final String GGK_NS = "http://www.stufstandaarden.nl/koppelvlak/ggk0210";
    public static final String STUF_NS = "http://www.egem.nl/StUF/StUF0301";
    public static final String HEENBERICHT = "envelopHeenbericht-ggk_Di01";
    public static final String RETOURBERICHT = "envelopRetourbericht-ggk_Du01";

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern TIJDSTIP = Pattern.compile("[0-9]{8,17}");
    private static final Pattern VERSIE = Pattern.compile("[0-9]{4}");
    private static final Pattern BESTANDSNAAM = Pattern.compile("[A-Za-z0-9._-]{4,255}");
    private static final int MAX_FIELD_LENGTH = 1000;

    private static final Set<String> STUURGEGEVENS_FIELDS = Set.of(
            "berichtcode", "referentienummer", "tijdstipBericht", "crossRefnummer", "functie",
            "zender/organisatie", "zender/applicatie", "zender/administratie", "zender/gebruiker",
            "ontvanger/organisatie", "ontvanger/applicatie", "ontvanger/administratie", "ontvanger/gebruiker");
    private static final Set<String> PARAMETER_FIELDS = Set.of(
            "applicatieVersie", "applicatieSubversie", "functieVersie", "functieSubversie");

    private final XMLInputFactory factory;
    private final int maxDepth;

    /** A reader that refuses envelopes nested deeper than {@link DepthLimitedReader#DEFAULT_MAX_DEPTH}. */
    public EnvelopeReader() {
        this(DepthLimitedReader.DEFAULT_MAX_DEPTH);
    }

    /** A reader that refuses envelopes nested deeper than {@code maxDepth} levels (the envelope root is level 1). */
    public EnvelopeReader(int maxDepth) {
        factory = secureInputFactory();
        this.maxDepth = maxDepth;
    }

    /** Whether an element name is the root of a GGk envelope. */
    public static boolean isEnvelopeRoot(String namespace, String localName) {
        return GGK_NS.equals(namespace) && (HEENBERICHT.equals(localName) || RETOURBERICHT.equals(localName));
    }

    /** Reads and checks the envelope; the payload is decoded (to check it) and discarded. */
    public Envelope read(Path envelope) throws EnvelopeException, IOException {
        return extractPayload(envelope, OutputStream.nullOutputStream());
    }

    /** Reads and checks the envelope and writes its decoded payload to {@code payload}. */
    public Envelope extractPayload(Path envelope, OutputStream payload) throws EnvelopeException, IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(envelope))) {
            return read(in, payload);
        }
    }

    /**
     * Reads and checks the envelope from {@code in} and writes its decoded payload to {@code payload}. On an
     * {@link EnvelopeException} part of the payload may have been written already: discard it.
     *
     * @throws IOException writing to {@code payload} or reading {@code in} failed (not the sender's fault)
     */
    public Envelope read(InputStream in, OutputStream payload) throws EnvelopeException, IOException {
        try {
            XMLStreamReader xml = new DepthLimitedReader(factory.createXMLStreamReader(in), maxDepth);
            try {
                xml.nextTag();
                return readElement(xml, payload);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    /**
     * Reads and checks the envelope element the reader stands on (a {@code START_ELEMENT}, e.g. the child of a SOAP
     * Body) up to and including its {@code END_ELEMENT}, and writes its decoded payload to {@code payload}. The
     * caller owns {@code xml} (and its hardening: use {@link #secureInputFactory()} and a {@link DepthLimitedReader}).
     */
    public Envelope readElement(XMLStreamReader xml, OutputStream payload) throws EnvelopeException, IOException {
        return readElement(xml, payload, stuurgegevens -> { });
    }

    /**
     * Like {@link #readElement(XMLStreamReader, OutputStream)}, and tells {@code beforePayload} what was read before
     * the payload starts (stuurgegevens and parameters, unchecked; no payload fields): so a refusal during the
     * payload (e.g. over the size limit) can still name the zender and referentienummer.
     */
    public Envelope readElement(XMLStreamReader xml, OutputStream payload, Consumer<Envelope> beforePayload)
            throws EnvelopeException, IOException {
        Map<String, String> fields = new HashMap<>();
        Payload body = new Payload();
        String root;
        try {
            root = parse(xml, fields, body, payload, beforePayload);
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        } catch (IllegalArgumentException e) {
            throw invalid("De inhoud van het bericht is geen geldige base64. Codeer het bestand opnieuw in base64.", null, e);
        }
        return check(root, fields, body);
    }

    /** An IOException of the input itself (not a malformed character) is not the sender's fault: rethrown. */
    private static EnvelopeException notWellFormed(XMLStreamException e) throws IOException {
        DepthLimitedReader.XmlTooDeepException tooDeep = DepthLimitedReader.XmlTooDeepException.in(e);
        if (tooDeep != null) {
            return invalid(tooDeep.dutchDetail("De envelop"), null, e);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
        if (cause instanceof IOException io && !(io instanceof java.io.CharConversionException)) {
            throw io;
        }
        return invalid("De envelop is geen geldige (well-formed) XML: " + oneLine(e.getMessage()), null, e);
    }

    /**
     * The StAX factory settings every StUF reader of the hub uses: no DTD, no external entities, namespace aware,
     * not coalescing (large base64 text arrives in pieces).
     */
    public static XMLInputFactory secureInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static final class Payload {
        Envelope.PayloadType type;
        String bestandsnaam;
        long bytes;
        int count;
    }

    private String parse(XMLStreamReader xml, Map<String, String> fields, Payload body, OutputStream payload,
                         Consumer<Envelope> beforePayload) throws XMLStreamException, IOException, EnvelopeException {
        if (xml.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw invalid("Er staat geen StUF-GGk-envelop waar die verwacht werd. Volg het StUF-GGk 0210-schema.", null, null);
        }
        if (!isEnvelopeRoot(xml.getNamespaceURI(), xml.getLocalName())) {
            throw invalid("Het hoofdelement is geen StUF-GGk-envelop: {" + xml.getNamespaceURI() + "}" + xml.getLocalName(),
                    null, null);
        }
        String root = xml.getLocalName();
        Deque<String> path = new ArrayDeque<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (path.isEmpty()) {
                    break; // end of the root
                }
                path.removeLast();
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                String ns = xml.getNamespaceURI();
                String section = path.isEmpty() ? null : path.getFirst();
                if (path.isEmpty()) {
                    requireNamespace(ns, GGK_NS, name);
                    if (!name.equals("stuurgegevens") && !name.equals("parameters")) {
                        throw invalid("Onverwacht element " + name + " in de envelop. Volg het StUF-GGk 0210-schema.", null, null);
                    }
                    path.addLast(name);
                } else if ("stuurgegevens".equals(section)) {
                    requireNamespace(ns, STUF_NS, name);
                    String field = path.size() == 1 ? name : path.getLast() + "/" + name;
                    if (name.equals("zender") || name.equals("ontvanger")) {
                        if (path.size() != 1) {
                            throw invalid("Onverwacht element " + field + " in stuurgegevens. Volg het StUF-GGk 0210-schema.", null, null);
                        }
                        path.addLast(name);
                    } else if (STUURGEGEVENS_FIELDS.contains(field)) {
                        putOnce(fields, field, text(xml, field));
                    } else {
                        throw invalid("Onverwacht element " + field + " in stuurgegevens. Volg het StUF-GGk 0210-schema.", null, null);
                    }
                } else if ("parameters".equals(section)) {
                    requireNamespace(ns, GGK_NS, name);
                    if (path.size() == 1 && PARAMETER_FIELDS.contains(name)) {
                        putOnce(fields, name, text(xml, name));
                    } else if (path.size() == 1 && name.equals("bericht")) {
                        path.addLast(name);
                    } else if (path.size() == 2 && (name.equals("xmlBestand") || name.equals("tekstBestand"))) {
                        if (body.count == 0) {
                            beforePayload.accept(toEnvelope(fields, body));
                        }
                        readPayload(xml, name, body, payload);
                    } else {
                        throw invalid("Onverwacht element " + name + " in parameters. Volg het StUF-GGk 0210-schema.", null, null);
                    }
                }
            }
        }
        return root;
    }

    private void readPayload(XMLStreamReader xml, String name, Payload body, OutputStream payload)
            throws XMLStreamException, IOException, EnvelopeException {
        body.count++;
        if (body.count > 1) {
            throw invalid("Het element bericht bevat meer dan één bestand; stuur één bestand per envelop.", null, null);
        }
        if (name.equals("tekstBestand")) {
            body.type = Envelope.PayloadType.TEKST;
            body.bestandsnaam = xml.getAttributeValue(null, "bestandsnaam");
        } else {
            body.type = Envelope.PayloadType.XML;
        }
        Base64StreamDecoder decoder = new Base64StreamDecoder(payload);
        char[] buffer = new char[8192];
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw invalid(name + " moet base64-tekst bevatten, geen elementen.", null, null);
            }
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                // copy out in pieces: the parser's own buffer may be large, a String of it would double that
                int length = xml.getTextLength();
                for (int offset = 0; offset < length; ) {
                    int n = xml.getTextCharacters(offset, buffer, 0, buffer.length);
                    decoder.feed(buffer, 0, n);
                    offset += n;
                }
            }
        }
        body.bytes = decoder.finish();
    }

    private Envelope check(String root, Map<String, String> fields, Payload body) throws EnvelopeException {
        Envelope envelope = toEnvelope(fields, body);
        String expectedCode = root.equals(HEENBERICHT) ? Envelope.DI01 : Envelope.DU01;
        for (String required : new String[] {"berichtcode", "zender/organisatie", "zender/applicatie",
                "ontvanger/organisatie", "ontvanger/applicatie", "referentienummer", "tijdstipBericht", "functie",
                "applicatieVersie", "applicatieSubversie", "functieVersie", "functieSubversie"}) {
            if (isBlank(fields.get(required))) {
                throw invalid("Het verplichte element " + required + " ontbreekt of is leeg. Vul het in.", envelope, null);
            }
        }
        if (!expectedCode.equals(envelope.berichtcode())) {
            throw invalid("De berichtcode " + envelope.berichtcode() + " past niet bij " + root
                    + "; gebruik Di01 voor een heenbericht en Du01 voor een retourbericht.", envelope, null);
        }
        if (envelope.isRetourbericht() && isBlank(envelope.crossRefnummer())) {
            throw invalid("Een Du01 heeft een crossRefnummer nodig: het referentienummer van het bericht waarop het antwoordt.", envelope, null);
        }
        if (!envelope.isRetourbericht() && envelope.crossRefnummer() != null) {
            throw invalid("Een Di01 heeft geen crossRefnummer; laat het weg.", envelope, null);
        }
        if (!TIJDSTIP.matcher(envelope.tijdstipBericht()).matches()) {
            throw invalid("tijdstipBericht moet 8 tot 17 cijfers zijn, bijvoorbeeld 20260701120000.", envelope, null);
        }
        for (String versie : new String[] {"applicatieVersie", "applicatieSubversie", "functieVersie",
                "functieSubversie"}) {
            if (!VERSIE.matcher(fields.get(versie)).matches()) {
                throw invalid(versie + " moet 4 cijfers zijn, bijvoorbeeld 0001.", envelope, null);
            }
        }
        if (body.count == 0) {
            throw invalid("Het element bericht bevat geen xmlBestand en geen tekstBestand.", envelope, null);
        }
        if (body.type == Envelope.PayloadType.TEKST
                && (body.bestandsnaam == null || !BESTANDSNAAM.matcher(body.bestandsnaam).matches())) {
            throw invalid("tekstBestand heeft een bestandsnaam nodig van 4 tot 255 tekens uit A-Z, a-z, 0-9, punt, liggend"
                    + " streepje en koppelteken.", envelope, null);
        }
        if (!UUID_V4.matcher(envelope.referentienummer()).matches()) {
            throw new EnvelopeException(EnvelopeException.REFERENTIENUMMER_INVALID,
                    "Het referentienummer is geen UUID versie 4 in kleine letters, bijvoorbeeld"
                            + " 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b.", envelope, null);
        }
        if (envelope.isRetourbericht() && !UUID_V4.matcher(envelope.crossRefnummer()).matches()) {
            throw new EnvelopeException(EnvelopeException.REFERENTIENUMMER_INVALID,
                    "Het crossRefnummer is geen UUID versie 4 in kleine letters: neem het"
                            + " referentienummer van het oorspronkelijke bericht over.", envelope, null);
        }
        return envelope;
    }

    private static Envelope toEnvelope(Map<String, String> f, Payload body) {
        return new Envelope(f.get("berichtcode"),
                new Envelope.Party(f.get("zender/organisatie"), f.get("zender/applicatie"),
                        f.get("zender/administratie"), f.get("zender/gebruiker")),
                new Envelope.Party(f.get("ontvanger/organisatie"), f.get("ontvanger/applicatie"),
                        f.get("ontvanger/administratie"), f.get("ontvanger/gebruiker")),
                f.get("referentienummer"), f.get("tijdstipBericht"), f.get("crossRefnummer"), f.get("functie"),
                f.get("applicatieVersie"), f.get("applicatieSubversie"), f.get("functieVersie"),
                f.get("functieSubversie"), body.type, body.bestandsnaam, body.bytes);
    }

    private static String text(XMLStreamReader xml, String field) throws XMLStreamException, EnvelopeException {
        String text = xml.getElementText().strip();
        if (text.length() > MAX_FIELD_LENGTH) {
            throw invalid(field + " is implausibly long", null, null);
        }
        return text;
    }

    private static void putOnce(Map<String, String> fields, String field, String value) throws EnvelopeException {
        if (fields.putIfAbsent(field, value) != null) {
            throw invalid(field + " occurs more than once", null, null);
        }
    }

    private static void requireNamespace(String actual, String expected, String name) throws EnvelopeException {
        if (!expected.equals(actual)) {
            throw invalid("Element " + name + " staat in namespace " + actual + ", verwacht " + expected + ". Volg het StUF-GGk 0210-schema.", null, null);
        }
    }

    private static EnvelopeException invalid(String detail, Envelope envelope, Throwable cause) {
        return new EnvelopeException(EnvelopeException.ENVELOPE_INVALID, detail, envelope, cause);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
