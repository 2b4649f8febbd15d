package nl.ggk.hub.stuf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Streams the root element of an XML file into an open {@link XMLStreamWriter} event by event, so a 25 MB message
 * is never held as one String. DTDs and external entities are switched off (no XXE); a file nested deeper than
 * {@link DepthLimitedReader#DEFAULT_MAX_DEPTH} is no document to embed (the JDK's writer fails past 32,767 levels).
 */
final class XmlCopy {

    private static final XMLInputFactory INPUT = secureInputFactory();

    private XmlCopy() {
    }

    /**
     * True when the file is a well-formed XML document with a root element, nested no deeper than the limit (read
     * through once, constant memory).
     */
    static boolean isWellFormed(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = new DepthLimitedReader(INPUT.createXMLStreamReader(in),
                    DepthLimitedReader.DEFAULT_MAX_DEPTH);
            try {
                if ("1.1".equals(reader.getVersion())) {
                    return false; // may carry characters an XML 1.0 Fo01 cannot
                }
                boolean sawRoot = false;
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        sawRoot = true;
                    }
                }
                return sawRoot;
            } finally {
                reader.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return false;
        }
    }

    /** Copies the document's root element (with namespaces, attributes, text, comments and PIs inside it). */
    static void copyRootElement(Path file, XMLStreamWriter out) throws IOException, XMLStreamException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = new DepthLimitedReader(INPUT.createXMLStreamReader(in),
                    DepthLimitedReader.DEFAULT_MAX_DEPTH);
            try {
                int depth = 0;
                while (reader.hasNext()) {
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
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                            if (depth > 0) {
                                out.writeCharacters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                            }
                        }
                        case XMLStreamConstants.CDATA -> {
                            if (depth > 0) {
                                out.writeCData(reader.getText());
                            }
                        }
                        case XMLStreamConstants.COMMENT -> {
                            if (depth > 0) {
                                out.writeComment(reader.getText());
                            }
                        }
                        case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                            if (depth > 0) {
                                out.writeProcessingInstruction(reader.getPITarget(), reader.getPIData());
                            }
                        }
                        default -> {
                            // prolog, DTD and epilogue stay out: only the root element is embedded
                        }
                    }
                }
            } finally {
                reader.close();
            }
        }
    }

    /**
     * Copies the element {@code reader} stands on (a {@code START_ELEMENT}) with everything inside it, and leaves
     * the reader on its {@code END_ELEMENT}. The caller bounds the reader's depth ({@link DepthLimitedReader}).
     */
    static void copyElement(XMLStreamReader reader, XMLStreamWriter out) throws XMLStreamException {
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
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE ->
                        out.writeCharacters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                case XMLStreamConstants.CDATA -> out.writeCData(reader.getText());
                case XMLStreamConstants.COMMENT -> out.writeComment(reader.getText());
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        out.writeProcessingInstruction(reader.getPITarget(), reader.getPIData());
                default -> {
                    // nothing else occurs inside an element
                }
            }
        }
    }

    private static void startElement(XMLStreamReader reader, XMLStreamWriter out) throws XMLStreamException {
        String prefix = reader.getPrefix() == null ? "" : reader.getPrefix();
        String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
        out.writeStartElement(prefix, reader.getLocalName(), namespace);
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String nsPrefix = reader.getNamespacePrefix(i);
            String uri = reader.getNamespaceURI(i) == null ? "" : reader.getNamespaceURI(i);
            if (nsPrefix == null || nsPrefix.isEmpty()) {
                out.writeDefaultNamespace(uri);
            } else {
                out.writeNamespace(nsPrefix, uri);
            }
        }
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

    private static XMLInputFactory secureInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
