package nl.ggk.hub.stuf;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * A StAX reader that checks the element it starts on while its consumer (e.g. {@link EnvelopeReader#readElement})
 * reads it, in the same single pass and constant memory:
 * <ul>
 *   <li>every event goes to the hub's {@link StufSchema}; the base64 text of {@code xmlBestand}/{@code tekstBestand}
 *       is replaced by a short placeholder (a validator would gather 25 MB of text into one String; the
 *       {@link Base64StreamDecoder} checks the real alphabet);</li>
 *   <li>a SHA-256 {@linkplain #contentSha256() fingerprint} of the element's content: names by namespace and local
 *       name, attributes sorted, text with surrounding white space trimmed and inner runs collapsed. Prefixes,
 *       indentation and the SOAP wrapper around it do not count, so a client that re-wraps a resend still sends
 *       "the same" message.</li>
 * </ul>
 * Start it on a {@code START_ELEMENT}; once that element's {@code END_ELEMENT} has been read, {@link #finished()}
 * is true and {@link #problems()} holds the schema violations (line:column: message), empty when valid. Events
 * after the element are passed through unchecked.
 */
public final class CheckingStreamReader extends EveryEventReader {

    private static final int MAX_PROBLEMS = 10;
    private static final char[] PLACEHOLDER = "AAAA".toCharArray();
    private static final byte START = 1;
    private static final byte END = 2;
    private static final byte TEXT = 3;

    private final ValidatorHandler validator;
    private final List<String> problems = new ArrayList<>();
    private final MessageDigest digest;
    // a surrogate pair split across two parser events must not stop the hash
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private int depth;
    private int payloadDepth = -1;
    private boolean placeholderSent;
    private boolean finished;
    private boolean textStarted;
    private boolean pendingSpace;

    public CheckingStreamReader(XMLStreamReader atStartElement, StufSchema schema) throws XMLStreamException {
        super(atStartElement);
        if (atStartElement.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new IllegalStateException("CheckingStreamReader must start on a START_ELEMENT");
        }
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        validator = schema.newValidatorHandler();
        validator.setErrorHandler(new Collector());
        try {
            validator.startDocument();
        } catch (SAXException e) {
            throw new XMLStreamException(e);
        }
        forward(XMLStreamConstants.START_ELEMENT);
    }

    /** Schema violations of the element read so far (complete once {@link #finished()}). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean finished() {
        return finished;
    }

    /** Lower-case hex SHA-256 of the element's content; only call it once {@link #finished()}. */
    public String contentSha256() {
        if (!finished) {
            throw new IllegalStateException("the element has not been read to its end");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the rest of the element without a consumer (it is still checked and fingerprinted). */
    public void skipElement() throws XMLStreamException {
        while (!finished && hasNext()) {
            next();
        }
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        if (!finished) {
            forward(event);
        }
        return event;
    }

    private void forward(int event) throws XMLStreamException {
        try {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> startElement();
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters();
                default -> {
                    // comments and processing instructions are neither content nor schema matter
                }
            }
        } catch (SAXException e) {
            throw new XMLStreamException("schema check failed: " + e.getMessage(), getLocation(), e);
        }
    }

    private void startElement() throws SAXException {
        depth++;
        String ns = nullToEmpty(getNamespaceURI());
        String local = getLocalName();
        for (int i = 0; i < getNamespaceCount(); i++) {
            validator.startPrefixMapping(nullToEmpty(getNamespacePrefix(i)), nullToEmpty(getNamespaceURI(i)));
        }
        AttributesImpl attributes = new AttributesImpl();
        List<String> fingerprint = new ArrayList<>();
        for (int i = 0; i < getAttributeCount(); i++) {
            String aNs = nullToEmpty(getAttributeNamespace(i));
            String aLocal = getAttributeLocalName(i);
            String aPrefix = nullToEmpty(getAttributePrefix(i));
            attributes.addAttribute(aNs, aLocal, aPrefix.isEmpty() ? aLocal : aPrefix + ":" + aLocal, "CDATA",
                    getAttributeValue(i));
            fingerprint.add("{" + aNs + "}" + aLocal + "=" + getAttributeValue(i));
        }
        String prefix = nullToEmpty(getPrefix());
        validator.startElement(ns, local, prefix.isEmpty() ? local : prefix + ":" + local, attributes);
        if (payloadDepth < 0 && EnvelopeReader.GGK_NS.equals(ns)
                && ("xmlBestand".equals(local) || "tekstBestand".equals(local))) {
            payloadDepth = depth;
            placeholderSent = false;
        }
        fingerprint.sort(null);
        endText();
        digest.update(START);
        hash("{" + ns + "}" + local);
        for (String attribute : fingerprint) {
            digest.update(START);
            hash(attribute);
        }
    }

    private void endElement() throws SAXException {
        String ns = nullToEmpty(getNamespaceURI());
        String local = getLocalName();
        String prefix = nullToEmpty(getPrefix());
        validator.endElement(ns, local, prefix.isEmpty() ? local : prefix + ":" + local);
        for (int i = 0; i < getNamespaceCount(); i++) {
            validator.endPrefixMapping(nullToEmpty(getNamespacePrefix(i)));
        }
        if (depth == payloadDepth) {
            payloadDepth = -1;
        }
        endText();
        digest.update(END);
        depth--;
        if (depth == 0) {
            validator.endDocument();
            finished = true;
        }
    }

    private void characters() throws SAXException {
        char[] chars = getTextCharacters();
        int start = getTextStart();
        int length = getTextLength();
        if (payloadDepth >= 0) {
            if (!placeholderSent && !isWhiteSpace()) {
                validator.characters(PLACEHOLDER, 0, PLACEHOLDER.length);
                placeholderSent = true;
            }
        } else {
            validator.characters(chars, start, length);
        }
        fingerprintText(chars, start, length);
    }

    /** Trimmed, inner white space runs as one space: the fingerprint ignores layout. */
    private void fingerprintText(char[] chars, int start, int length) {
        int runStart = -1;
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            boolean space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (space) {
                if (runStart >= 0) {
                    hash(chars, runStart, i - runStart);
                    runStart = -1;
                }
                if (textStarted) {
                    pendingSpace = true;
                }
            } else {
                if (runStart < 0) {
                    if (!textStarted) {
                        digest.update(TEXT);
                        textStarted = true;
                    } else if (pendingSpace) {
                        digest.update((byte) ' ');
                    }
                    pendingSpace = false;
                    runStart = i;
                }
            }
        }
        if (runStart >= 0) {
            hash(chars, runStart, start + length - runStart);
        }
    }

    private void endText() {
        textStarted = false;
        pendingSpace = false;
    }

    private void hash(String text) {
        char[] chars = text.toCharArray();
        hash(chars, 0, chars.length);
    }

    private void hash(char[] chars, int start, int length) {
        CharBuffer in = CharBuffer.wrap(chars, start, length);
        utf8.reset();
        while (true) {
            CoderResult result = utf8.encode(in, bytes, true);
            bytes.flip();
            digest.update(bytes);
            bytes.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private final class Collector implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            add(e);
        }

        @Override
        public void fatalError(SAXParseException e) {
            add(e);
        }

        private void add(SAXParseException e) {
            if (problems.size() < MAX_PROBLEMS) {
                // the validator knows no location of its own: take the parser's
                problems.add(getLocation().getLineNumber() + ":" + getLocation().getColumnNumber() + ": "
                        + e.getMessage());
            }
        }
    }
}
