package nl.ggk.hub.stuf;

import nl.ggk.hub.io.NonClosingOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Wraps a bare payload (a CSV from the portal, an XML message) in a StUF-GGk 0210 envelope
 * {@code GGK:envelopHeenbericht-ggk_Di01}, or an answer in a {@code GGK:envelopRetourbericht-ggk_Du01}. The payload is base64-encoded while it streams through, in constant memory.
 * The stuurgegevens are checked before anything is written, so a refused request leaves {@code out} untouched.
 */
public final class EnvelopeWriter {

    public static final String GGK_NS = "http://www.stufstandaarden.nl/koppelvlak/ggk0210";
    public static final String STUF_NS = Fo01Writer.STUF_NS;
    /** The GGk is always the ontvanger applicatie. */
    public static final String ONTVANGER_APPLICATIE = "GGk";

    /**
     * Upper bound of everything around the base64 text: tags plus the longest values the XSD allows (organisatie
     * 200, applicatie 50, administratie 50, gebruiker 100, functie 30, bestandsnaam 255), at 3 UTF-8 bytes a char.
     */
    static final long MAX_ENVELOPE_OVERHEAD = 4096;

    private static final int MAX_FUNCTIE = 30;
    /** A multiple of 3, so every chunk but the last encodes without padding. */
    private static final int CHUNK = 3 * 16 * 1024;
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private final StufSettings settings;

    public EnvelopeWriter(StufSettings settings) {
        this.settings = settings;
    }

    /**
     * A request for a GMSD file (CSV) from {@code zender} to CBS, with the {@code ggk.stuf.functie.cbs} and
     * {@code ggk.stuf.ontvanger.cbs} settings; an unfit file name is refused (see {@link Bestandsnaam#sanitise}).
     */
    public Di01Request cbsTekstBestand(StufSysteem zender, String bestandsnaam) {
        return Di01Request.tekstBestand(zender, settings.ontvangerCbs(), settings.functieCbs(), bestandsnaam);
    }

    /** Size in bytes of the envelope for a payload of {@code payloadBytes}: an upper bound, for the 25 MB check. */
    public static long envelopeSizeEstimate(long payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes < 0");
        }
        return 4 * ((payloadBytes + 2) / 3) + MAX_ENVELOPE_OVERHEAD;
    }

    /**
     * Writes the Di01 envelope with {@code payload} (read to its end, not closed) base64-encoded in {@code xmlBestand}
     * or {@code tekstBestand}. {@code out} is not closed. The payload bytes are taken as they are (the chain wants
     * UTF-8 without BOM: that is the caller's check).
     *
     * @throws IllegalArgumentException when a stuurgegeven does not fit the envelope XSD (nothing written then)
     */
    public void writeDi01(Di01Request request, InputStream payload, OutputStream out) throws IOException {
        Checked c = check(request.referentienummer(), request.functie(), request.isXml() ? null : request.tekstBestandsnaam(),
                request.zender(), request.ontvangerOrganisatie());
        write(EnvelopeReader.HEENBERICHT, Envelope.DI01, c, request.referentienummer(), request.at(), null,
                request.functie(), request.isXml() ? null : request.tekstBestandsnaam(), payload, out);
    }

    /**
     * Writes a {@code GGK:envelopRetourbericht-ggk_Du01} (the answer to an earlier Di01, named by its
     * crossRefnummer) with {@code payload} base64-encoded, like {@link #writeDi01}. {@code out} is not closed.
     *
     * @throws IllegalArgumentException when a stuurgegeven does not fit the envelope XSD (nothing written then)
     */
    public void writeDu01(Du01Request request, InputStream payload, OutputStream out) throws IOException {
        if (!StufIds.isUuidV4(request.crossRefnummer())) {
            throw new IllegalArgumentException("crossRefnummer must be a lower-case UUID v4, is '"
                    + request.crossRefnummer() + "'");
        }
        Checked c = check(request.referentienummer(), request.functie(), request.isXml() ? null : request.tekstBestandsnaam(),
                request.zender(), request.ontvangerOrganisatie());
        write(EnvelopeReader.RETOURBERICHT, Envelope.DU01, c, request.referentienummer(), request.at(),
                request.crossRefnummer(), request.functie(), request.isXml() ? null : request.tekstBestandsnaam(),
                payload, out);
    }

    private void write(String root, String berichtcode, Checked c, String referentienummer, java.time.Instant at,
                       String crossRefnummer, String functie, String bestandsnaam, InputStream payload,
                       OutputStream out) throws IOException {
        try {
            // the JDK writer emits UTF-8 byte by byte: without a buffer that is one write call per byte
            BufferedOutputStream buffered = new BufferedOutputStream(out, 16 * 1024);
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("GGK", GGK_NS);
            w.setPrefix("StUF", STUF_NS);
            w.writeStartElement("GGK", root, GGK_NS);
            w.writeNamespace("StUF", STUF_NS);
            w.writeNamespace("GGK", GGK_NS);

            w.writeStartElement("GGK", "stuurgegevens", GGK_NS);
            stuf(w, "berichtcode", berichtcode);
            systeem(w, "zender", c.zender());
            systeem(w, "ontvanger", StufSysteem.of(c.ontvangerOrganisatie(), ONTVANGER_APPLICATIE));
            stuf(w, "referentienummer", referentienummer);
            stuf(w, "tijdstipBericht", StufIds.tijdstipBericht(at));
            if (crossRefnummer != null) {
                stuf(w, "crossRefnummer", crossRefnummer);
            }
            stuf(w, "functie", functie);
            w.writeEndElement();

            w.writeStartElement("GGK", "parameters", GGK_NS);
            ggk(w, "applicatieVersie", settings.applicatieVersie());
            ggk(w, "applicatieSubversie", settings.applicatieSubversie());
            ggk(w, "functieVersie", settings.functieVersie());
            ggk(w, "functieSubversie", settings.functieSubversie());
            w.writeStartElement("GGK", "bericht", GGK_NS);
            if (bestandsnaam == null) {
                w.writeStartElement("GGK", "xmlBestand", GGK_NS);
            } else {
                w.writeStartElement("GGK", "tekstBestand", GGK_NS);
                w.writeAttribute("bestandsnaam", bestandsnaam);
            }
            writeBase64(payload, w, buffered);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();

            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
            buffered.flush();
        } catch (XMLStreamException e) {
            throw new IOException("could not write " + berichtcode + " envelope " + referentienummer, e);
        }
    }

    /**
     * Plain base64 without line breaks, as in the official samples, streamed straight to the output:
     * base64 never needs XML escaping, so it bypasses the XML writer's per-character escaping.
     */
    private static void writeBase64(InputStream payload, XMLStreamWriter w, OutputStream raw)
            throws IOException, XMLStreamException {
        w.writeCharacters("");
        w.flush();
        try (OutputStream base64 = Base64.getEncoder().wrap(new NonClosingOutputStream(raw))) {
            payload.transferTo(base64);
        }
    }

    private record Checked(StufSysteem zender, String ontvangerOrganisatie) {
    }

    private Checked check(String referentienummer, String functie, String tekstBestandsnaam, StufSysteem zender,
                          String ontvangerOrganisatie) {
        if (!StufIds.isUuidV4(referentienummer)) {
            throw new IllegalArgumentException("referentienummer must be a lower-case UUID v4, is '"
                    + referentienummer + "'");
        }
        if (functie == null || functie.isBlank() || functie.length() > MAX_FUNCTIE
                || !functie.equals(StufText.xmlSafe(functie))) {
            throw new IllegalArgumentException("functie must be 1-" + MAX_FUNCTIE + " characters, is '" + functie + "'");
        }
        if (tekstBestandsnaam != null) {
            Bestandsnaam.require(tekstBestandsnaam);
        }
        String applicatie = StufText.isBlank(zender.applicatie()) ? settings.portaalApplicatie() : zender.applicatie().strip();
        if (applicatie.length() < Fo01Writer.MIN_APPLICATIE) {
            throw new IllegalArgumentException("zender applicatie must be at least " + Fo01Writer.MIN_APPLICATIE
                    + " characters, is '" + applicatie + "'");
        }
        StufSysteem checkedZender = new StufSysteem(
                organisatie(zender.organisatie(), "zender"),
                StufText.cut(applicatie, Fo01Writer.MAX_APPLICATIE),
                StufText.isBlank(zender.administratie()) ? null : StufText.cut(zender.administratie().strip(), Fo01Writer.MAX_ADMINISTRATIE),
                StufText.isBlank(zender.gebruiker()) ? null : StufText.cut(zender.gebruiker().strip(), Fo01Writer.MAX_GEBRUIKER));
        return new Checked(checkedZender, organisatie(ontvangerOrganisatie, "ontvanger"));
    }

    /** organisatie identifies a party: refuse rather than cut it. */
    private static String organisatie(String organisatie, String role) {
        if (StufText.isBlank(organisatie) || organisatie.strip().length() > Fo01Writer.MAX_ORGANISATIE
                || !organisatie.equals(StufText.xmlSafe(organisatie))) {
            throw new IllegalArgumentException(role + " organisatie must be 1-" + Fo01Writer.MAX_ORGANISATIE
                    + " characters, is '" + organisatie + "'");
        }
        return organisatie.strip();
    }

    private static void systeem(XMLStreamWriter w, String name, StufSysteem systeem) throws XMLStreamException {
        w.writeStartElement("StUF", name, STUF_NS);
        stuf(w, "organisatie", systeem.organisatie());
        stuf(w, "applicatie", systeem.applicatie());
        if (systeem.administratie() != null) {
            stuf(w, "administratie", systeem.administratie());
        }
        if (systeem.gebruiker() != null) {
            stuf(w, "gebruiker", systeem.gebruiker());
        }
        w.writeEndElement();
    }

    private static void stuf(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement("StUF", name, STUF_NS);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void ggk(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement("GGK", name, GGK_NS);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
