package nl.ggk.hub.ws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.io.SizeLimitedInputStream;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.CheckingStreamReader;
import nl.ggk.hub.stuf.DepthLimitedReader;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.stuf.EnvelopeException;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * SOAP 1.1 document/literal for the WSDL {@code ggk0210_OntvangAsynchroon_ggkberichten}, on plain streams.
 *
 * <p>{@link #read} takes the request in one streaming pass: it finds Envelope/Body whatever prefixes the client
 * uses, tells the operation by SOAPAction or by the Body element (refusing a disagreement), and hands the Body
 * element to {@link EnvelopeReader} or {@link StufBerichtReader} through a {@link CheckingStreamReader}, so the message
 * is validated against the hub's own schema and fingerprinted while its payload is decoded into the caller's
 * stream. The size limit and the depth limit hold while reading. Nothing is buffered beyond the parser's window.
 *
 * <p>{@link #writeBv03} and {@link #writeFo03Fault} write the answers; a fault goes with HTTP 500 (SOAP 1.1 over HTTP,
 * WS-I Basic Profile), a Bv03 with 200, both as {@value #CONTENT_TYPE}.
 */
public final class SoapCodec {

    public static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    public static final int HTTP_OK = 200;
    public static final int HTTP_FAULT = 500;
    /** The whole message, base64 included, may be 25 MB (StUF-GGk 0210). */
    public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

    private static final String SOAP = "soapenv";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private final XMLInputFactory input = EnvelopeReader.secureInputFactory();
    private final StufSchema schema;
    private final EnvelopeReader envelopes;
    private final StufBerichtReader berichten;
    private final AnswerWriter answers;
    private final long maxBytes;
    private final int maxDepth;

    public SoapCodec(StufSchema schema, EnvelopeReader envelopes, StufBerichtReader berichten, AnswerWriter answers,
                     long maxBytes) {
        this(schema, envelopes, berichten, answers, maxBytes, DepthLimitedReader.DEFAULT_MAX_DEPTH);
    }

    /**
     * @param maxDepth how deep a request may nest, the SOAP Envelope counting as level 1; an xmlBestand's decoded
     *                 message is held to the same limit from its own root ({@link #checkXmlPayload})
     */
    public SoapCodec(StufSchema schema, EnvelopeReader envelopes, StufBerichtReader berichten, AnswerWriter answers,
                     long maxBytes, int maxDepth) {
        this.schema = schema;
        this.envelopes = envelopes;
        this.berichten = berichten;
        this.answers = answers;
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /**
     * Reads and checks one SOAP request. The decoded payload of a Di01/Du01 (the file or XML message), or the
     * {@code detailsXML} of a Fo01, goes to {@code payload} (not closed); on an exception discard what it got.
     *
     * @param soapAction the SOAPAction HTTP header as received (may be null)
     * @throws SoapRequestException the request is refused: answer it with {@link #writeFault}
     * @throws IOException          reading the request or writing {@code payload} failed (not the client's fault)
     */
    public SoapRequest read(InputStream request, String soapAction, OutputStream payload)
            throws SoapRequestException, IOException {
        SizeLimitedInputStream in = new SizeLimitedInputStream(request, maxBytes);
        Partial partial = new Partial();
        try {
            // every reader below (header skip, schema check, envelope, Fo01 and its detailsXML copy) reads through this
            XMLStreamReader xml = new DepthLimitedReader(input.createXMLStreamReader(in), maxDepth);
            try {
                SoapRequest read = read(xml, soapAction, payload, partial);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                        throw fo03(ErrorReasons.ENVELOPE_INVALID, "content after the SOAP Envelope", partial);
                    }
                }
                return new SoapRequest(read.operation(), read.envelope(), read.fo01(), in.count(),
                        read.contentSha256());
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            DepthLimitedReader.XmlTooDeepException tooDeep = DepthLimitedReader.XmlTooDeepException.in(e);
            if (tooDeep != null) {
                throw fo03(ErrorReasons.ENVELOPE_INVALID, tooDeep.dutchDetail("Het bericht"), partial);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
            if (cause instanceof SizeLimitedInputStream.TooLargeException) {
                throw tooLarge(partial);
            }
            if (cause instanceof IOException io && !(io instanceof java.io.CharConversionException)) {
                throw io;
            }
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "the request is not well-formed XML: " + oneLine(e.getMessage()),
                    partial);
        } catch (SizeLimitedInputStream.TooLargeException e) {
            throw tooLarge(partial);
        }
    }

    /**
     * Holds the decoded xmlBestand of a Di01/Du01 that {@link #read} accepted to the same depth limit as the request
     * (its own root is level 1): read once more, from {@code payload}, in one streaming pass. Only the depth is judged
     * here; whether it is the message its functie names (or XML at all) is classification's question.
     *
     * @throws SoapRequestException the xmlBestand nests too deep: Fo03 with the code for an invalid payload
     */
    public void checkXmlPayload(SoapRequest request, Path payload) throws SoapRequestException, IOException {
        Envelope envelope = request.envelope();
        if (envelope == null || envelope.payloadType() != Envelope.PayloadType.XML) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(payload), 64 * 1024)) {
            XMLStreamReader xml = new DepthLimitedReader(input.createXMLStreamReader(in), maxDepth);
            try {
                while (xml.hasNext()) {
                    xml.next();
                }
            } finally {
                xml.close();
            }
        } catch (DepthLimitedReader.XmlTooDeepException e) {
            Partial partial = new Partial();
            partial.zender = zender(envelope);
            partial.referentienummer = envelope.referentienummer();
            partial.details = envelope.foutDetails();
            throw fo03(ErrorReasons.PAYLOAD_INVALID, e.dutchDetail("Het bericht in xmlBestand"), partial);
        } catch (XMLStreamException notXml) {
            // not well-formed (or not XML): classification answers that with a Fo01, as on every channel
        }
    }

    /** What has been read of the message so far, for the Fo03 of a refusal. */
    private static final class Partial {
        StufSysteem zender;
        String referentienummer;
        String details;
    }

    private SoapRequest read(XMLStreamReader xml, String soapAction, OutputStream payload, Partial partial)
            throws XMLStreamException, SoapRequestException, IOException {
        xml.nextTag();
        if (!"Envelope".equals(xml.getLocalName()) || !SOAP11_NS.equals(xml.getNamespaceURI())) {
            if ("Envelope".equals(xml.getLocalName()) && SOAP12_NS.equals(xml.getNamespaceURI())) {
                throw new SoapRequestException(SoapRequestException.Kind.VERSION_MISMATCH, null,
                        "SOAP 1.2 is not offered: the WSDL binds SOAP 1.1", null, null, null, null);
            }
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "the request is not a SOAP 1.1 Envelope", partial);
        }
        int event = xml.nextTag();
        if (event == XMLStreamConstants.START_ELEMENT && isSoap(xml, "Header")) {
            checkHeaders(xml);
            event = xml.nextTag();
        }
        if (event != XMLStreamConstants.START_ELEMENT || !isSoap(xml, "Body")) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "the SOAP Envelope has no Body", partial);
        }
        if (xml.nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "the SOAP Body is empty", partial);
        }
        WsOperation operation = operation(soapAction, xml.getNamespaceURI(), xml.getLocalName(), partial);

        CheckingStreamReader checking = new CheckingStreamReader(xml, schema);
        Envelope envelope = null;
        Foutbericht fo01 = null;
        try {
            if (operation == WsOperation.FO01) {
                fo01 = berichten.readFo01(checking, payload);
                partial.zender = fo01.zender();
                partial.referentienummer = fo01.referentienummer();
            } else {
                envelope = envelopes.readElement(checking, payload, sofar -> {
                    partial.zender = zender(sofar);
                    partial.referentienummer = sofar.referentienummer();
                    partial.details = sofar.foutDetails();
                });
                partial.zender = zender(envelope);
                partial.referentienummer = envelope.referentienummer();
                partial.details = envelope.foutDetails();
            }
        } catch (EnvelopeException e) {
            e.envelope().ifPresent(read -> {
                partial.zender = zender(read);
                partial.referentienummer = read.referentienummer();
                partial.details = read.foutDetails();
            });
            throw fo03(reason(e.reasonKey()), e.detail(), partial);
        }
        List<String> problems = checking.problems();
        if (!problems.isEmpty()) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, problems.get(0), partial);
        }
        if (xml.nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "the SOAP Body holds more than one element", partial);
        }
        if (xml.nextTag() != XMLStreamConstants.END_ELEMENT || !isSoap(xml, "Envelope")) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "unexpected content after the SOAP Body", partial);
        }
        return new SoapRequest(operation, envelope, fo01, 0, checking.contentSha256());
    }

    private static String reason(String envelopeReason) {
        return EnvelopeException.REFERENTIENUMMER_INVALID.equals(envelopeReason)
                ? ErrorReasons.REFERENTIENUMMER_INVALID : ErrorReasons.ENVELOPE_INVALID;
    }

    private static WsOperation operation(String soapAction, String ns, String local, Partial partial)
            throws SoapRequestException {
        Optional<WsOperation> byBody = WsOperation.byBodyElement(ns, local);
        Optional<WsOperation> byAction;
        try {
            byAction = WsOperation.bySoapAction(soapAction);
        } catch (IllegalArgumentException e) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "SOAPAction " + soapAction.strip()
                    + " names no operation of this web service", partial);
        }
        if (byBody.isEmpty()) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "element " + local + " in the SOAP Body is no message"
                    + " of this web service", partial);
        }
        if (byAction.isPresent() && byAction.get() != byBody.get()) {
            throw fo03(ErrorReasons.ENVELOPE_INVALID, "SOAPAction " + byAction.get().operationName()
                    + " does not match the message " + local, partial);
        }
        return byBody.get();
    }

    /** SOAP 1.1 §4.2.3: a header the hub must understand but does not is refused; others are skipped. */
    private static void checkHeaders(XMLStreamReader xml) throws XMLStreamException, SoapRequestException {
        List<String> notUnderstood = new ArrayList<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String mustUnderstand = xml.getAttributeValue(SOAP11_NS, "mustUnderstand");
            if (mustUnderstand != null && ("1".equals(mustUnderstand.strip()) || "true".equals(mustUnderstand.strip()))) {
                notUnderstood.add("{" + xml.getNamespaceURI() + "}" + xml.getLocalName());
            }
            skipElement(xml);
        }
        if (!notUnderstood.isEmpty()) {
            throw new SoapRequestException(SoapRequestException.Kind.MUST_UNDERSTAND, null,
                    "header not understood: " + String.join(", ", notUnderstood), null, null, null, null);
        }
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static boolean isSoap(XMLStreamReader xml, String local) {
        return SOAP11_NS.equals(xml.getNamespaceURI()) && local.equals(xml.getLocalName());
    }

    private SoapRequestException tooLarge(Partial partial) {
        return fo03(ErrorReasons.TOO_LARGE, "more than " + maxBytes + " bytes", partial);
    }

    private static SoapRequestException fo03(String reasonKey, String detail, Partial partial) {
        return new SoapRequestException(SoapRequestException.Kind.FO03, reasonKey, detail, partial.zender,
                partial.referentienummer, partial.details, null);
    }

    private static StufSysteem zender(Envelope envelope) {
        Envelope.Party z = envelope.zender();
        return z == null ? null : new StufSysteem(z.organisatie(), z.applicatie(), z.administratie(), z.gebruiker());
    }

    /** A SOAP 1.1 answer whose Body holds the Bv03; send it with HTTP {@value #HTTP_OK}. */
    public void writeBv03(Bv03 bv03, OutputStream out) throws IOException {
        write(out, w -> {
            w.writeStartElement(SOAP, "Body", SOAP11_NS);
            answers.write(bv03, w);
            w.writeEndElement();
        });
    }

    /**
     * A SOAP 1.1 Fault (WSDL fault {@code fout}: message {@code StUF:Fo03}) whose detail holds the Fo03; faultcode
     * {@code Client} or {@code Server} after the Fo03's plek, faultstring its omschrijving. Send it with HTTP
     * {@value #HTTP_FAULT}.
     */
    public void writeFo03Fault(Foutbericht fo03, OutputStream out) throws IOException {
        write(out, w -> {
            w.writeStartElement(SOAP, "Body", SOAP11_NS);
            w.writeStartElement(SOAP, "Fault", SOAP11_NS);
            simple(w, "faultcode", SOAP + ":" + (fo03.isClientError() ? "Client" : "Server"));
            simple(w, "faultstring", fo03.omschrijving());
            w.writeStartElement("detail");
            answers.write(fo03, w);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /**
     * A SOAP 1.1 Fault without detail, for {@link SoapRequestException.Kind#MUST_UNDERSTAND} and
     * {@link SoapRequestException.Kind#VERSION_MISMATCH} (SOAP 1.1 §4.4: no detail about headers); HTTP
     * {@value #HTTP_FAULT}.
     */
    public void writeSoapFault(SoapRequestException.Kind kind, String faultstring, OutputStream out) throws IOException {
        String code = switch (kind) {
            case MUST_UNDERSTAND -> "MustUnderstand";
            case VERSION_MISMATCH -> "VersionMismatch";
            case FO03 -> throw new IllegalArgumentException("a Fo03 refusal is written with writeFo03Fault");
        };
        write(out, w -> {
            w.writeStartElement(SOAP, "Body", SOAP11_NS);
            w.writeStartElement(SOAP, "Fault", SOAP11_NS);
            simple(w, "faultcode", SOAP + ":" + code);
            simple(w, "faultstring", faultstring);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static void write(OutputStream out, Body body) throws IOException {
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 8192);
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(SOAP, "Envelope", SOAP11_NS);
            w.writeNamespace(SOAP, SOAP11_NS);
            body.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
            buffered.flush();
        } catch (XMLStreamException e) {
            throw new IOException("could not write the SOAP answer", e);
        }
    }

    private static void simple(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }
}
