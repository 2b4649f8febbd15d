package nl.ggk.hub.stuf;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import nl.ggk.hub.errors.ErrorCode;

/**
 * Makes and writes the hub's synchronous answers to an asynchronous StUF message: {@code StUF:Bv03Bericht}
 * (accepted and stored) and {@code StUF:Fo03Bericht} (refused). Either standalone (a document) or into an open
 * {@link XMLStreamWriter} (a SOAP Body or Fault detail). Output is deterministic: the same record gives the same
 * bytes, so a stored Bv03 can be answered again unchanged.
 */
public final class AnswerWriter {

    private static final String P = "StUF";
    private static final String NS = Fo01Writer.STUF_NS;
    /** StUF:Applicatie needs 3-50 characters; used where the refused message named none usable. */
    static final String UNKNOWN_APPLICATIE = "onbekend";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private final StufSettings settings;

    public AnswerWriter(StufSettings settings) {
        this.settings = settings;
    }

    /**
     * The Bv03 for a message from {@code messageZender} with {@code messageReferentienummer}: the hub is zender, the
     * message's zender the ontvanger, a new referentienummer, stamped {@code at} (null = now).
     */
    public Bv03 bv03(StufSysteem messageZender, String messageReferentienummer, Instant at) {
        return new Bv03(hub(), answerOntvanger(messageZender), StufIds.newReferentienummer(),
                StufIds.tijdstipBericht(at == null ? Instant.now() : at),
                StufText.cut(messageReferentienummer, Fo01Writer.MAX_REFNUMMER));
    }

    /**
     * The Fo03 refusing a message. {@code messageZender} and {@code crossRefnummer} may be null when the message
     * could not be read that far (the Fo03 then names an unknown applicatie and an empty crossRefnummer).
     *
     * @param detail  fills the omschrijving's {@code {detail}} placeholder (Dutch; may be null)
     * @param details StUF details (≤ 1000), e.g. {@link Envelope#foutDetails()}; may be null
     */
    public Foutbericht fo03(StufSysteem messageZender, String crossRefnummer, ErrorCode error, String detail,
                            String details, Instant at) {
        return new Foutbericht(Foutbericht.FO03, hub(), answerOntvanger(messageZender), StufIds.newReferentienummer(),
                StufIds.tijdstipBericht(at == null ? Instant.now() : at),
                crossRefnummer == null ? "" : StufText.cut(crossRefnummer.strip(), Fo01Writer.MAX_REFNUMMER),
                StufText.cut(error.code(), Fo01Writer.MAX_CODE),
                "server".equals(error.plek()) ? "server" : "client",
                StufText.shorten(error.omschrijving(StufText.xmlSafe(detail)), Fo01Writer.MAX_OMSCHRIJVING),
                StufText.isBlank(details) ? null : StufText.shorten(details, Fo01Writer.MAX_DETAILS));
    }

    /** Writes {@code StUF:Bv03Bericht} at the writer's position (declaring the StUF prefix on it). */
    public void write(Bv03 bv03, XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement(P, "Bv03Bericht", NS);
        w.writeNamespace(P, NS);
        stuurgegevens(w, "Bv03", bv03.zender(), bv03.ontvanger(), bv03.referentienummer(), bv03.tijdstipBericht(),
                bv03.crossRefnummer());
        w.writeEndElement();
    }

    /** Writes {@code StUF:Fo03Bericht} (or {@code Fo01Bericht}, after the record's berichtcode) at the writer's position. */
    public void write(Foutbericht fout, XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement(P, fout.berichtcode() + "Bericht", NS);
        w.writeNamespace(P, NS);
        stuurgegevens(w, fout.berichtcode(), fout.zender(), fout.ontvanger(), fout.referentienummer(),
                fout.tijdstipBericht(), fout.crossRefnummer());
        w.writeStartElement(P, "body", NS);
        element(w, "code", StufText.cut(fout.code(), Fo01Writer.MAX_CODE));
        element(w, "plek", "server".equals(fout.plek()) ? "server" : "client");
        element(w, "omschrijving", StufText.shorten(fout.omschrijving(), Fo01Writer.MAX_OMSCHRIJVING));
        if (!StufText.isBlank(fout.details())) {
            element(w, "details", StufText.shorten(fout.details(), Fo01Writer.MAX_DETAILS));
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    /** The Bv03 as a UTF-8 document. */
    public void write(Bv03 bv03, OutputStream out) throws IOException {
        document(out, w -> write(bv03, w));
    }

    /** The Fo03 (or Fo01) as a UTF-8 document. */
    public void write(Foutbericht fout, OutputStream out) throws IOException {
        document(out, w -> write(fout, w));
    }

    public byte[] toBytes(Bv03 bv03) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            write(bv03, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public byte[] toBytes(Foutbericht fout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            write(fout, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static void document(OutputStream out, Body body) throws IOException {
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 8192);
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.flush();
            w.close();
            buffered.flush();
        } catch (XMLStreamException e) {
            throw new IOException("could not write StUF answer", e);
        }
    }

    private StufSysteem hub() {
        return StufSysteem.of(settings.zenderOrganisatie(), settings.zenderApplicatie());
    }

    /** The answered party as the XSD allows it: lengths cut, an unusable applicatie replaced. */
    private static StufSysteem answerOntvanger(StufSysteem zender) {
        if (zender == null) {
            return StufSysteem.of(null, UNKNOWN_APPLICATIE);
        }
        String applicatie = StufText.cut(zender.applicatie() == null ? null : zender.applicatie().strip(),
                Fo01Writer.MAX_APPLICATIE);
        return new StufSysteem(
                StufText.isBlank(zender.organisatie()) ? null
                        : StufText.cut(zender.organisatie().strip(), Fo01Writer.MAX_ORGANISATIE),
                applicatie == null || applicatie.length() < Fo01Writer.MIN_APPLICATIE ? UNKNOWN_APPLICATIE : applicatie,
                StufText.isBlank(zender.administratie()) ? null
                        : StufText.cut(zender.administratie().strip(), Fo01Writer.MAX_ADMINISTRATIE),
                StufText.isBlank(zender.gebruiker()) ? null
                        : StufText.cut(zender.gebruiker().strip(), Fo01Writer.MAX_GEBRUIKER));
    }

    private static void stuurgegevens(XMLStreamWriter w, String berichtcode, StufSysteem zender, StufSysteem ontvanger,
                                      String referentienummer, String tijdstip, String crossRefnummer)
            throws XMLStreamException {
        w.writeStartElement(P, "stuurgegevens", NS);
        element(w, "berichtcode", berichtcode);
        systeem(w, "zender", zender);
        systeem(w, "ontvanger", ontvanger);
        element(w, "referentienummer", referentienummer);
        element(w, "tijdstipBericht", tijdstip);
        element(w, "crossRefnummer", crossRefnummer);
        w.writeEndElement();
    }

    private static void systeem(XMLStreamWriter w, String name, StufSysteem systeem) throws XMLStreamException {
        w.writeStartElement(P, name, NS);
        if (!StufText.isBlank(systeem.organisatie())) {
            element(w, "organisatie", systeem.organisatie());
        }
        element(w, "applicatie", systeem.applicatie());
        if (!StufText.isBlank(systeem.administratie())) {
            element(w, "administratie", systeem.administratie());
        }
        if (!StufText.isBlank(systeem.gebruiker())) {
            element(w, "gebruiker", systeem.gebruiker());
        }
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(P, name, NS);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
