package nl.ggk.hub.stuf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.errors.ErrorCode;

/**
 * Writes a StUF 03.01 {@code StUF:Fo01Bericht}: the asynchronous functional error the hub sends back to the
 * organisation that delivered a message. Text is cut to the XSD lengths so the Fo01 itself is always valid.
 */
public final class Fo01Writer {

    public static final String STUF_NS = "http://www.egem.nl/StUF/StUF0301";
    private static final String P = "StUF";

    // lengths from stuf0301.xsd
    static final int MAX_ORGANISATIE = 200;
    static final int MIN_APPLICATIE = 3;
    static final int MAX_APPLICATIE = 50;
    static final int MAX_ADMINISTRATIE = 50;
    static final int MAX_GEBRUIKER = 100;
    static final int MAX_REFNUMMER = 40;
    static final int MAX_CODE = 7;
    static final int MAX_OMSCHRIJVING = 200;
    static final int MAX_DETAILS = 1000;

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private final StufSettings settings;

    public Fo01Writer(StufSettings settings) {
        this.settings = settings;
    }

    /**
     * Writes the Fo01 as UTF-8 to {@code out} (not closed). The original message goes into detailsXML only when
     * it is a well-formed XML document; otherwise detailsXML is left out (the XSD makes it optional).
     */
    public void write(Fo01Request request, OutputStream out) throws IOException {
        boolean embedOriginal = request.originalXml() != null && XmlCopy.isWellFormed(request.originalXml());
        try {
            // the JDK writer emits UTF-8 byte by byte: without a buffer that is one write call per byte
            BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix(P, STUF_NS);
            w.writeStartElement(P, "Fo01Bericht", STUF_NS);
            w.writeNamespace(P, STUF_NS);

            w.writeStartElement(P, "stuurgegevens", STUF_NS);
            element(w, "berichtcode", "Fo01");
            systeem(w, "zender", StufSysteem.of(settings.zenderOrganisatie(), settings.zenderApplicatie()));
            systeem(w, "ontvanger", request.ontvanger());
            element(w, "referentienummer", StufText.cut(request.referentienummer(), MAX_REFNUMMER));
            element(w, "tijdstipBericht", StufIds.tijdstipBericht(request.at()));
            element(w, "crossRefnummer", StufText.cut(request.crossRefnummer().strip(), MAX_REFNUMMER));
            w.writeEndElement();

            ErrorCode error = request.error();
            w.writeStartElement(P, "body", STUF_NS);
            element(w, "code", StufText.cut(error.code(), MAX_CODE));
            element(w, "plek", "server".equals(error.plek()) ? "server" : "client");
            element(w, "omschrijving", StufText.shorten(AnswerText.masked(error.omschrijving(StufText.xmlSafe(request.detail()))),
                    MAX_OMSCHRIJVING));
            if (!StufText.isBlank(request.details())) {
                element(w, "details", StufText.shorten(AnswerText.masked(request.details()), MAX_DETAILS));
            }
            if (embedOriginal) {
                w.writeStartElement(P, "detailsXML", STUF_NS);
                XmlCopy.copyRootElement(request.originalXml(), w);
                w.writeEndElement();
            }
            w.writeEndElement();

            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
            buffered.flush();
        } catch (XMLStreamException e) {
            throw new IOException("could not write Fo01 " + request.referentienummer(), e);
        }
    }

    private void systeem(XMLStreamWriter w, String name, StufSysteem systeem) throws XMLStreamException {
        w.writeStartElement(P, name, STUF_NS);
        if (!StufText.isBlank(systeem.organisatie())) {
            element(w, "organisatie", StufText.cut(systeem.organisatie().strip(), MAX_ORGANISATIE));
        }
        element(w, "applicatie", applicatie(systeem.applicatie()));
        if (!StufText.isBlank(systeem.administratie())) {
            element(w, "administratie", StufText.cut(systeem.administratie().strip(), MAX_ADMINISTRATIE));
        }
        if (!StufText.isBlank(systeem.gebruiker())) {
            element(w, "gebruiker", StufText.cut(systeem.gebruiker().strip(), MAX_GEBRUIKER));
        }
        w.writeEndElement();
    }

    /** StUF:Applicatie is required and 3-50 characters; an unknown or unusable one becomes the portal's name. */
    private String applicatie(String applicatie) {
        String cleaned = StufText.cut(applicatie == null ? null : applicatie.strip(), MAX_APPLICATIE);
        return cleaned == null || cleaned.length() < MIN_APPLICATIE ? settings.portaalApplicatie() : cleaned;
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(P, name, STUF_NS);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
