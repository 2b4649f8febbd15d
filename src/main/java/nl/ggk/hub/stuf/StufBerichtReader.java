package nl.ggk.hub.stuf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Reads the StUF 03.01 messages {@code StUF:Fo01Bericht}, {@code StUF:Bv03Bericht} and {@code StUF:Fo03Bericht}
 * with StAX (no DTD, no external entities), in one pass. Checks what the hub relies on (root, berichtcode,
 * required stuurgegevens and body fields); the full structure is the {@link StufSchema}'s job. A Fo01's
 * {@code detailsXML} (the original message, possibly large) is streamed to a caller's output, never held.
 */
public final class StufBerichtReader {

    public static final String FO01_BERICHT = "Fo01Bericht";
    public static final String BV03_BERICHT = "Bv03Bericht";
    public static final String FO03_BERICHT = "Fo03Bericht";

    private static final String NS = Fo01Writer.STUF_NS;
    private static final int MAX_FIELD_LENGTH = 1000;
    private static final Set<String> SYSTEEM_FIELDS = Set.of("organisatie", "applicatie", "administratie", "gebruiker");
    private static final Set<String> STUURGEGEVENS_FIELDS = Set.of("berichtcode", "referentienummer",
            "tijdstipBericht", "crossRefnummer");
    private static final Set<String> BODY_FIELDS = Set.of("code", "plek", "omschrijving", "details");
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private final XMLInputFactory factory = EnvelopeReader.secureInputFactory();
    private final int maxDepth;

    /** A reader that refuses messages nested deeper than {@link DepthLimitedReader#DEFAULT_MAX_DEPTH}. */
    public StufBerichtReader() {
        this(DepthLimitedReader.DEFAULT_MAX_DEPTH);
    }

    /** A reader that refuses documents nested deeper than {@code maxDepth} levels (their root is level 1). */
    public StufBerichtReader(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Whether an element name is one this reader reads. */
    public static boolean isStufBericht(String namespace, String localName) {
        return NS.equals(namespace) && (FO01_BERICHT.equals(localName) || BV03_BERICHT.equals(localName)
                || FO03_BERICHT.equals(localName));
    }

    /** Reads a Fo01 document; its detailsXML is dropped. */
    public Foutbericht readFo01(InputStream in) throws EnvelopeException, IOException {
        return (Foutbericht) readDocument(in, FO01_BERICHT, OutputStream.nullOutputStream());
    }

    /** Reads a Fo03 document. */
    public Foutbericht readFo03(InputStream in) throws EnvelopeException, IOException {
        return (Foutbericht) readDocument(in, FO03_BERICHT, OutputStream.nullOutputStream());
    }

    /** Reads a Bv03 document. */
    public Bv03 readBv03(InputStream in) throws EnvelopeException, IOException {
        return (Bv03) readDocument(in, BV03_BERICHT, OutputStream.nullOutputStream());
    }

    /**
     * Reads the Fo01 element the reader stands on, to its end. The first element inside {@code detailsXML}, if any,
     * is written to {@code detailsXml} as a UTF-8 document (not closed). The caller owns {@code xml} and bounds its
     * depth (a {@link DepthLimitedReader}): the copy of detailsXML follows the reader's depth.
     */
    public Foutbericht readFo01(XMLStreamReader xml, OutputStream detailsXml) throws EnvelopeException, IOException {
        try {
            return (Foutbericht) readElement(xml, FO01_BERICHT, detailsXml);
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    /** Reads the Bv03 or Fo03 element the reader stands on, to its end: a {@link Bv03} or a {@link Foutbericht}. */
    public Record readAnswer(XMLStreamReader xml) throws EnvelopeException, IOException {
        String name = xml.getLocalName();
        if (!BV03_BERICHT.equals(name) && !FO03_BERICHT.equals(name)) {
            throw invalid("expected StUF:Bv03Bericht or StUF:Fo03Bericht, found " + name);
        }
        try {
            return readElement(xml, name, OutputStream.nullOutputStream());
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private Record readDocument(InputStream in, String expected, OutputStream detailsXml)
            throws EnvelopeException, IOException {
        try {
            XMLStreamReader xml = new DepthLimitedReader(factory.createXMLStreamReader(in), maxDepth);
            try {
                xml.nextTag();
                return readElement(xml, expected, detailsXml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private Record readElement(XMLStreamReader xml, String expected, OutputStream detailsXml)
            throws XMLStreamException, EnvelopeException, IOException {
        if (xml.getEventType() != XMLStreamConstants.START_ELEMENT || !NS.equals(xml.getNamespaceURI())
                || !expected.equals(xml.getLocalName())) {
            throw invalid("expected StUF:" + expected + ", found "
                    + (xml.getEventType() == XMLStreamConstants.START_ELEMENT
                    ? "{" + xml.getNamespaceURI() + "}" + xml.getLocalName() : "no element"));
        }
        Map<String, String> f = new HashMap<>();
        boolean sawBody = false;
        int event;
        while ((event = xml.nextTag()) == XMLStreamConstants.START_ELEMENT) {
            String section = xml.getLocalName();
            requireStuf(xml);
            if (section.equals("stuurgegevens")) {
                readStuurgegevens(xml, f);
            } else if (section.equals("body") && !BV03_BERICHT.equals(expected) && !sawBody) {
                sawBody = true;
                readBody(xml, f, detailsXml);
            } else {
                throw invalid("unexpected element " + section + " in " + expected);
            }
        }
        String code = expected.substring(0, 4);
        require(f, "berichtcode", "referentienummer", "tijdstipBericht", "crossRefnummer", "zender/applicatie",
                "ontvanger/applicatie");
        if (!code.equals(f.get("berichtcode"))) {
            throw invalid("berichtcode " + f.get("berichtcode") + " does not match " + expected);
        }
        StufSysteem zender = systeem(f, "zender");
        StufSysteem ontvanger = systeem(f, "ontvanger");
        if (BV03_BERICHT.equals(expected)) {
            return new Bv03(zender, ontvanger, f.get("referentienummer"), f.get("tijdstipBericht"),
                    f.get("crossRefnummer"));
        }
        if (!sawBody) {
            throw invalid(expected + " has no body");
        }
        require(f, "body/code", "body/plek", "body/omschrijving");
        return new Foutbericht(code, zender, ontvanger, f.get("referentienummer"), f.get("tijdstipBericht"),
                f.get("crossRefnummer"), f.get("body/code"), f.get("body/plek"), f.get("body/omschrijving"),
                f.get("body/details"));
    }

    private static void readStuurgegevens(XMLStreamReader xml, Map<String, String> f)
            throws XMLStreamException, EnvelopeException {
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireStuf(xml);
            String name = xml.getLocalName();
            if (name.equals("zender") || name.equals("ontvanger")) {
                while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    requireStuf(xml);
                    if (!SYSTEEM_FIELDS.contains(xml.getLocalName())) {
                        throw invalid("unexpected element " + xml.getLocalName() + " in " + name);
                    }
                    putOnce(f, name + "/" + xml.getLocalName(), text(xml));
                }
            } else if (STUURGEGEVENS_FIELDS.contains(name)) {
                putOnce(f, name, text(xml));
            } else {
                throw invalid("unexpected element " + name + " in stuurgegevens");
            }
        }
    }

    private static void readBody(XMLStreamReader xml, Map<String, String> f, OutputStream detailsXml)
            throws XMLStreamException, EnvelopeException, IOException {
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireStuf(xml);
            String name = xml.getLocalName();
            if (BODY_FIELDS.contains(name)) {
                putOnce(f, "body/" + name, text(xml));
            } else if (name.equals("detailsXML")) {
                copyDetailsXml(xml, detailsXml);
            } else {
                throw invalid("unexpected element " + name + " in body");
            }
        }
    }

    /** Copies the first element inside detailsXML; text and further elements there are skipped. */
    private static void copyDetailsXml(XMLStreamReader xml, OutputStream out) throws XMLStreamException, IOException {
        boolean copied = false;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!copied && depth == 1) {
                    BufferedOutputStream buffered = new BufferedOutputStream(out, 8192);
                    XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
                    w.writeStartDocument("UTF-8", "1.0");
                    XmlCopy.copyElement(xml, w);
                    w.writeEndDocument();
                    w.flush();
                    w.close();
                    buffered.flush();
                    copied = true;
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static StufSysteem systeem(Map<String, String> f, String role) {
        return new StufSysteem(f.get(role + "/organisatie"), f.get(role + "/applicatie"),
                f.get(role + "/administratie"), f.get(role + "/gebruiker"));
    }

    private static void require(Map<String, String> f, String... names) throws EnvelopeException {
        for (String name : names) {
            if (f.get(name) == null) {
                throw invalid("required element " + name + " is missing");
            }
        }
    }

    private static String text(XMLStreamReader xml) throws XMLStreamException, EnvelopeException {
        String text = xml.getElementText().strip();
        if (text.length() > MAX_FIELD_LENGTH) {
            throw invalid(xml.getLocalName() + " is implausibly long");
        }
        return text;
    }

    private static void putOnce(Map<String, String> f, String field, String value) throws EnvelopeException {
        if (f.putIfAbsent(field, value) != null) {
            throw invalid(field + " occurs more than once");
        }
    }

    private static void requireStuf(XMLStreamReader xml) throws EnvelopeException {
        if (!NS.equals(xml.getNamespaceURI())) {
            throw invalid("element " + xml.getLocalName() + " is in namespace " + xml.getNamespaceURI()
                    + ", expected " + NS);
        }
    }

    private static EnvelopeException notWellFormed(XMLStreamException e) throws IOException {
        DepthLimitedReader.XmlTooDeepException tooDeep = DepthLimitedReader.XmlTooDeepException.in(e);
        if (tooDeep != null) {
            return invalid(tooDeep.dutchDetail("Het bericht"));
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
        if (cause instanceof IOException io && !(io instanceof java.io.CharConversionException)) {
            throw io;
        }
        return invalid("message is not well-formed XML: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip());
    }

    private static EnvelopeException invalid(String detail) {
        return new EnvelopeException(EnvelopeException.ENVELOPE_INVALID, detail, null, null);
    }
}
