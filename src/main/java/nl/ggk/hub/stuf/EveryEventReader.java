package nl.ggk.hub.stuf;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A StAX delegate whose {@link #nextTag()} and {@link #getElementText()} are written on {@link #next()}, so a
 * subclass that watches {@code next()} (a depth limit, a schema check) sees every event: the JDK's delegate would
 * pass them straight to the parser.
 */
abstract class EveryEventReader extends StreamReaderDelegate {

    EveryEventReader(XMLStreamReader reader) {
        super(reader);
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while ((event == XMLStreamConstants.CHARACTERS && isWhiteSpace())
                || (event == XMLStreamConstants.CDATA && isWhiteSpace())
                || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                || event == XMLStreamConstants.COMMENT) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected start or end tag", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        if (getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("not on a start element", getLocation());
        }
        StringBuilder text = new StringBuilder();
        int event = next();
        while (event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
                text.append(getText());
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("element text holds an element", getLocation());
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("document ended inside an element", getLocation());
            }
            event = next();
        }
        return text.toString();
    }
}
