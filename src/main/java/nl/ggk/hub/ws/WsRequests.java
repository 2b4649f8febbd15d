package nl.ggk.hub.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.http.HttpUploads;
import nl.ggk.hub.http.Upload;
import nl.ggk.hub.intake.IntakeService;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.ws.WsDispatcher.Decision;
import nl.ggk.hub.ws.WsDispatcher.Way;

/**
 * What the routes of {@code ws-ggk0210.camel.yaml} ask about one SOAP request: it wraps {@link WsEndpoint} so that
 * every step is one bean call on a record: the {@link Call} (who, which upload), the {@link WsMessage} read from it
 * (kept in the exchange property {@code GgkWs} for the answer and for routeConfiguration {@code ws-faults}), and every
 * answer a {@link SoapAnswer} the route {@code ws-answer} turns into the HTTP reply. Ways: {@link WsDispatcher.Way}.
 */
public final class WsRequests {

    /** The SOAP answer to send: HTTP status and the XML (Bv03, or a Fault with Fo03); a line for the log. */
    public record SoapAnswer(int status, byte[] content, String description) {
        public SoapAnswer(int status, byte[] content) {
            this(status, content, null);
        }
    }

    /** An authenticated caller's request, as the door stored it. */
    public record Call(String caller, Upload upload, String soapAction) {
    }

    /**
     * A request read and decided: what the dispatcher chooses on ({@link #intake}, {@link #chainReturn},
     * {@link #chainMessage}; none of them: answered at once) and what the ways take on.
     */
    public record WsMessage(String caller, Upload upload, WsEndpoint.Received received) {

        /** From a municipality: through the intake door. */
        public boolean intake() {
            return way() == Way.INTAKE;
        }

        /** A report of CBS for the return path. */
        public boolean chainReturn() {
            return way() == Way.CHAIN_RETURN;
        }

        /** A Fo01 of the chain side, or a care provider's message to a gemeente: to an outbox. */
        public boolean chainMessage() {
            return way() == Way.CHAIN_FO01 || way() == Way.PROVIDER_TO_GEMEENTE;
        }

        /** A Fo01 of the chain side about a Di01 of the hub. */
        public boolean fo01() {
            return way() == Way.CHAIN_FO01;
        }

        private Way way() {
            return received.decision() instanceof Decision.Process process ? process.way() : null;
        }
    }

    /** The channel of the web service in track &amp; trace. */
    static final String CHANNEL = "WS";

    private final WsEndpoint endpoint;
    private final HttpUploads uploads;

    public WsRequests(WsEndpoint endpoint, HttpUploads uploads) {
        this.endpoint = endpoint;
        this.uploads = uploads;
    }

    /** The request the door stored for {@code token} (503 when there is none), of the authenticated {@code caller}. */
    public Call take(String caller, String token, String soapAction) {
        return new Call(caller, uploads.take(token).get(0), soapAction);
    }

    /** Reads and decides; the payload of a message to process is on disk when this returns. */
    public WsMessage receive(Call call) throws IOException {
        try (InputStream request = uploads.open(call.upload())) {
            return new WsMessage(call.caller(), call.upload(), endpoint.receive(request, call.soapAction(),
                    call.caller()));
        }
    }

    /**
     * What a municipality's Di01/Du01 hands the intake door: the caller delivers as the zender organisation (the
     * intake checks it may), under the tekstBestand's bestandsnaam (an xmlBestand: {@code <functie>-<ref>.xml}); the
     * payload is opened by the intake ({@link #payload}).
     */
    public IntakeService.IntakeRequest intakeRequest(WsMessage message) {
        return new IntakeService.IntakeRequest(message.caller(), organisation(message.received()), CHANNEL,
                filename(message.received()), () -> payload(message.received(), message.upload()));
    }

    /** The answer to a decision that needed no storing (resend, refusal), with a line for the log. */
    public SoapAnswer answer(WsMessage message) throws IOException {
        SoapAnswer answer = answerOf(message.received());
        return new SoapAnswer(answer.status(), answer.content(), "Web service request from " + message.caller() + ": "
                + describe(message.received()));
    }

    /** The message is stored as delivery {@code deliveryId}: its Bv03. */
    public SoapAnswer accepted(WsMessage message, String deliveryId) throws IOException {
        return acceptedAs(message.received(), deliveryId);
    }

    /** The chain message is stored under its own referentienummer: its Bv03. */
    public SoapAnswer stored(WsMessage message) throws IOException {
        return acceptedAs(message.received(), referentienummer(message.received()));
    }

    /** Storing failed, nothing was accepted: an Fo03 (plek server); a resend may try again. */
    public SoapAnswer failed(WsMessage message) throws IOException {
        return failedOf(message.received());
    }

    /** Refused after all ({@link WsRefusal}, possibly wrapped), or failed: its Fo03. */
    public SoapAnswer refused(WsMessage message, Throwable caught) throws IOException {
        return refusedOf(message.received(), caught);
    }

    /** Removes the work files of the payload (the intake and the chain keep their own copies). */
    public void discard(WsMessage message) throws IOException {
        if (message != null) {
            discardFiles(message.received());
        }
    }

    /** A log line for an answer given at once (no BSN or path: stuurgegevens and the reason only). */
    private static String describe(WsEndpoint.Received received) {
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
        return "to process";
    }

    /**
     * What the intake door gets: a tekstBestand's decoded file (the CSV, as if delivered bare); for an xmlBestand the
     * whole StUF envelope out of the SOAP Body (copied from {@code upload}, the request as the door stored it), so that
     * classification knows its functie and zender and checks the iWmo/iJw message inside, and a Fo01 about it names
     * the Di01's referentienummer as crossRefnummer, as StUF wants.
     */
    private static InputStream payload(WsEndpoint.Received received, Upload upload) throws IOException {
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
    private static String organisation(WsEndpoint.Received received) {
        return process(received).zender();
    }

    /** The tekstBestand's bestandsnaam; an xmlBestand gets {@code <functie>-<referentienummer>.xml}. */
    private static String filename(WsEndpoint.Received received) {
        Envelope envelope = process(received).request().envelope();
        if (envelope.bestandsnaam() != null) {
            return envelope.bestandsnaam();
        }
        return envelope.functie() + "-" + envelope.referentienummer() + ".xml";
    }

    private static String referentienummer(WsEndpoint.Received received) {
        return process(received).request().referentienummer();
    }

    /** The answer to a decision that needed no storing: the earlier Bv03 of a resend, an Fo03, a SOAP Fault. */
    private SoapAnswer answerOf(WsEndpoint.Received received) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answer(received.decision(), out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /** The message is stored as {@code deliveryId}: its Bv03. */
    private SoapAnswer acceptedAs(WsEndpoint.Received received, String deliveryId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answerAccepted(process(received), deliveryId, out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /** Storing failed, nothing was accepted: an Fo03 (plek server); a resend may try again. */
    private SoapAnswer failedOf(WsEndpoint.Received received) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answerFailed(process(received), out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /**
     * The message is refused after all (a {@link WsRefusal}, possibly wrapped by the bean call that threw it):
     * nothing was stored; its Fo03.
     */
    private SoapAnswer refusedOf(WsEndpoint.Received received, Throwable caught) throws IOException {
        Throwable t = caught;
        while (t != null && !(t instanceof WsRefusal)) {
            t = t.getCause();
        }
        if (t == null) {
            return failedOf(received);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = endpoint.answerRefused(process(received), (WsRefusal) t, out);
        return new SoapAnswer(status, out.toByteArray());
    }

    /** Removes the work files of the payload (the intake keeps its own copy). */
    private static void discardFiles(WsEndpoint.Received received) throws IOException {
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
