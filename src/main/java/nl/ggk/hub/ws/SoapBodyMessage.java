package nl.ggk.hub.ws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import nl.ggk.hub.stuf.EnvelopeReader;

/**
 * Copies the StUF message out of a SOAP request (the first element in the Body) as a document of its own, streaming:
 * what a municipality would have delivered as a file. Namespaces declared on the SOAP Envelope or Body that the
 * message uses are declared on its root (a repairing writer). Read only after {@link SoapCodec} accepted the request.
 */
final class SoapBodyMessage {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    static {
        OUTPUT.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
    }

    private SoapBodyMessage() {
    }

    static void copy(InputStream soap, OutputStream out) throws IOException {
        try {
            XMLStreamReader reader = EnvelopeReader.secureInputFactory()
                    .createXMLStreamReader(new BufferedInputStream(soap, 64 * 1024));
            try {
                toBodyMessage(reader);
                BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
                XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
                w.writeStartDocument("UTF-8", "1.0");
                copyElement(reader, w);
                w.writeEndDocument();
                w.flush();
                w.close();
                buffered.flush();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("the SOAP request read before cannot be read again", e);
        }
    }

    /** Leaves the reader on the start of the Body's first element. */
    private static void toBodyMessage(XMLStreamReader reader) throws XMLStreamException, IOException {
        int depth = 0;
        boolean inBody = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (inBody) {
                    return;
                }
                if (depth == 2 && "Body".equals(reader.getLocalName())
                        && SoapCodec.SOAP11_NS.equals(reader.getNamespaceURI())) {
                    inBody = true;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        throw new IOException("no message in the SOAP Body");
    }

    private static void copyElement(XMLStreamReader reader, XMLStreamWriter out) throws XMLStreamException {
        startElement(reader, out);
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    startElement(reader, out);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    out.writeEndElement();
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA ->
                        out.writeCharacters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                default -> {
                    // comments and processing instructions are no part of the message
                }
            }
        }
    }

    private static void startElement(XMLStreamReader reader, XMLStreamWriter out) throws XMLStreamException {
        String prefix = reader.getPrefix() == null ? "" : reader.getPrefix();
        String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
        out.writeStartElement(prefix, reader.getLocalName(), namespace);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String uri = reader.getAttributeNamespace(i);
            if (uri == null || uri.isEmpty()) {
                out.writeAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            } else {
                out.writeAttribute(reader.getAttributePrefix(i), uri, reader.getAttributeLocalName(i),
                        reader.getAttributeValue(i));
            }
        }
    }
}
