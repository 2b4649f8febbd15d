package nl.ggk.hub.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.http.Upload;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.ws.WsDispatcher.Decision;

/**
 * What the route {@code ws-ggk0210} asks about one SOAP request: it wraps {@link WsEndpoint} so that every step is
 * one bean call on the {@link WsEndpoint.Received} kept in an exchange property, and every answer is a
 * {@link SoapAnswer} the route turns into the HTTP reply. Ways: {@link WsDispatcher.Way}.
 */
public final class WsRequests {

    /** The SOAP answer to send: HTTP status and the XML (Bv03, or a Fault with Fo03). */
    public record SoapAnswer(int status, byte[] content) {
    }

    private final WsEndpoint endpoint;

    public WsRequests(WsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Reads and decides; the payload of a message to process is on disk when this returns. */
    public WsEndpoint.Received receive(InputStream request, String soapAction, String caller) throws IOException {
        return endpoint.receive(request, soapAction, caller);
    }

    /** The {@link Way} a message to process goes, or {@code ANSWER} when it is answered at once (resend, refusal). */
    public String way(WsEndpoint.Received received) {
        return received.decision() instanceof Decision.Process process ? process.way().name() : "ANSWER";
    }

    /** A log line for an answer given at once (no BSN or path: stuurgegevens and the reason only). */
    public String describe(WsEndpoint.Received received) {
        Decision decision = received.decision();
        if (decision instanceof Decision.Refuse refuse) {
            return "refused with Fo03 " + refuse.fo03().code() + " (" + refuse.reasonForLog() + ")";
        }
        if (decision instanceof Decision.Answer answer) {
            return "resend of delivery " + answer.deliveryId() + ", answered with the earlier Bv03";
        }
        if (decision instanceof Decision.SoapFault fault) {
            return "refused with SOAP Fault " + fault.kind();
        }
        return "to process: " + way(received);
    }

    /**
     * What the intake door gets: a tekstBestand's decoded file (the CSV, as if delivered bare); for an xmlBestand the
     * whole StUF envelope out of the SOAP Body (copied from {@code upload}, the request as the door stored it), so that
     * classification knows its functie and zender and checks the iWmo/iJw message inside, and a Fo01 about it names
     * the Di01's referentienummer as crossRefnummer, as StUF wants.
     */
    public InputStream payload(WsEndpoint.Received received, Upload upload) throws IOException {
        Envelope envelope = process(received).request().envelope();
        if (envelope.payloadType() != Envelope.PayloadType.XML) {
            return Files.newInputStream(received.payload());
        }
        Path copy = envelopeCopy(received);
        try (InputStream soap = Files.newInputStream(upload.file()); OutputStream out = Files.newOutputStream(copy)) {
            SoapBodyMessage.copy(soap, out);
        }
        return Files.newInputStream(copy);
    }

    /** The gemeente the message is sent as (the zender organisatie); the intake checks the caller may. */
    public String organisation(WsEndpoint.Received received) {
        return process(received).zender();
    }

    /** The tekstBestand's bestandsnaam; an xmlBestand gets {@code <functie>-<referentienummer>.xml}. */
    public String filename(WsEndpoint.Received received) {
        Envelope envelope = process(received).request().envelope();
        if (envelope.bestandsnaam() != null) {
            return envelope.bestandsnaam();
        }
        return envelope.functie() + "-" + envelope.referentienummer() + ".xml";
    }

    public String referentienummer(WsEndpoint.Received received) {
        return process(received).request().referentienummer();
    }

    /** The answer to a decision that needed no storing: the earlier Bv03 of a resend, an Fo03, a SOAP Fault. */
    public SoapAnswer answer(WsEndpoint.Received received) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answer(received.decision(), out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /** The message is stored as {@code deliveryId}: its Bv03. */
    public SoapAnswer accepted(WsEndpoint.Received received, String deliveryId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answerAccepted(process(received), deliveryId, out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /** Storing failed, nothing was accepted: an Fo03 (plek server); a resend may try again. */
    public SoapAnswer failed(WsEndpoint.Received received) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answerFailed(process(received), out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /**
     * The message is refused after all (a {@link WsRefusal}, possibly wrapped by the bean call that threw it):
     * nothing was stored; its Fo03.
     */
    public SoapAnswer refused(WsEndpoint.Received received, Throwable caught) throws IOException {
        Throwable t = caught;
        while (t != null && !(t instanceof WsRefusal)) {
            t = t.getCause();
        }
        if (t == null) {
            return failed(received);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answerRefused(process(received), (WsRefusal) t, out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /** Closes {@code opened} and removes the work file of the payload (the intake keeps its own copy). */
    public void discard(WsEndpoint.Received received, InputStream opened) throws IOException {
        if (opened != null) {
            opened.close();
        }
        if (received != null && received.payload() != null) {
            Files.deleteIfExists(received.payload());
            Files.deleteIfExists(envelopeCopy(received));
        }
    }

    private static Path envelopeCopy(WsEndpoint.Received received) {
        return received.payload().resolveSibling(received.payload().getFileName() + ".envelope.xml");
    }

    private static Decision.Process process(WsEndpoint.Received received) {
        if (received.decision() instanceof Decision.Process process) {
            return process;
        }
        throw new IllegalStateException("not a message to process: " + received.decision().getClass().getSimpleName());
    }
}
