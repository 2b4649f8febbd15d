package nl.ggk.hub.stuf;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A StAX reader that refuses XML nested deeper than a limit, with a {@link XmlTooDeepException}, before a consumer
 * sees the element that is one too deep. Every reader of XML from outside wraps its parser in one: the JDK's parser
 * and validator follow any depth, but its stream writer fails past 32,767 levels (an
 * {@code ArrayIndexOutOfBoundsException}, not an answer), and no message the hub carries nests deeper than a few
 * dozen. {@link #nextTag()} and {@link #getElementText()} are written on {@link #next()}, so no element passes
 * uncounted. Depth counts from where the reader stands when wrapped (a fresh reader: the root element is level 1).
 */
public final class DepthLimitedReader extends EveryEventReader {

    /**
     * The limit unless configured ({@code ggk.ws.max-depth}): a SOAP request with a StUF envelope nests about 6 deep,
     * an iWmo/iJw message about 8, a Fo01 with the original message in detailsXML about 15.
     */
    public static final int DEFAULT_MAX_DEPTH = 100;

    private final int maxDepth;
    private int depth;

    public DepthLimitedReader(XMLStreamReader reader, int maxDepth) {
        super(reader);
        if (maxDepth < 1) {
            throw new IllegalArgumentException("the maximum XML depth must be at least 1, not " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.depth = reader.getEventType() == XMLStreamConstants.START_ELEMENT ? 1 : 0;
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
            depth++;
            if (depth > maxDepth) {
                throw new XmlTooDeepException(maxDepth, getLocation());
            }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
            depth--;
        }
        return event;
    }

    /** The XML nests deeper than the limit. A resend cannot pass: the sender must change the message. */
    public static final class XmlTooDeepException extends XMLStreamException {

        private final int maxDepth;
        private final int line;
        private final int column;

        XmlTooDeepException(int maxDepth, javax.xml.stream.Location location) {
            super("XML nests deeper than " + maxDepth + " levels"
                    + (location == null ? "" : " (line " + location.getLineNumber() + ", column "
                    + location.getColumnNumber() + ")"));
            this.maxDepth = maxDepth;
            this.line = location == null ? -1 : location.getLineNumber();
            this.column = location == null ? -1 : location.getColumnNumber();
        }

        public int maxDepth() {
            return maxDepth;
        }

        /** What is wrong, in Dutch, for an omschrijving or a finding. */
        public String dutchDetail(String what) {
            return what + " is dieper genest dan de toegestane " + maxDepth + " niveaus"
                    + (line > 0 ? " (regel " + line + ", kolom " + column + ")" : "")
                    + ". Opnieuw versturen helpt niet: pas het bericht aan.";
        }

        /** The exception itself or the first cause that is one, else null. */
        public static XmlTooDeepException in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof XmlTooDeepException tooDeep) {
                    return tooDeep;
                }
                if (t instanceof XMLStreamException xse && xse.getNestedException() instanceof XmlTooDeepException n) {
                    return n;
                }
            }
            return null;
        }
    }
}
