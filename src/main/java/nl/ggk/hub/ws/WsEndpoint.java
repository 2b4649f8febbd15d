package nl.ggk.hub.ws;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.ws.WsDispatcher.Decision;

/**
 * The web service in two calls, for a route: {@link #receive} reads a request (payload decoded into a work file)
 * and decides; the route stores a {@link Decision.Process} through the intake door and answers with
 * {@link #answerAccepted} (Bv03) or {@link #answerFailed} (Fo03); every other decision is answered with
 * {@link #answer}. Each answer method writes the SOAP answer and returns the HTTP status.
 */
public final class WsEndpoint {

    /**
     * @param decision what to do
     * @param payload  the decoded payload (Di01/Du01) or detailsXML (Fo01), forced to disk; only for a
     *                 {@link Decision.Process}, else null (the work file is removed). The route moves or deletes it.
     */
    public record Received(Decision decision, Path payload) {
    }

    private final SoapCodec codec;
    private final WsDispatcher dispatcher;
    private final Path workDir;

    public WsEndpoint(SoapCodec codec, WsDispatcher dispatcher, Path workDir) {
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.workDir = workDir;
    }

    /**
     * Reads the SOAP request of an authenticated {@code caller} and decides.
     *
     * @throws IOException the request could not be read or the work file written: nothing was accepted (HTTP 503)
     */
    public Received receive(InputStream request, String soapAction, String caller) throws IOException {
        Files.createDirectories(workDir);
        Path payload = workDir.resolve("ws-" + UUID.randomUUID() + ".part");
        boolean keep = false;
        try {
            Decision decision;
            try (FileChannel channel = FileChannel.open(payload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 64 * 1024)) {
                try {
                    SoapRequest read = codec.read(request, soapAction, out);
                    out.flush();
                    codec.checkXmlPayload(read, payload);
                    decision = dispatcher.decide(caller, read);
                } catch (SoapRequestException e) {
                    decision = dispatcher.refused(e);
                }
                out.flush();
                if (decision instanceof Decision.Process) {
                    channel.force(true); // the Bv03 promises the message survives a crash
                }
            }
            keep = decision instanceof Decision.Process;
            return new Received(decision, keep ? payload : null);
        } finally {
            if (!keep) {
                Files.deleteIfExists(payload);
            }
        }
    }

    /** Answers a decision that needs no storing (Answer, Refuse, SoapFault); returns the HTTP status. */
    public int answer(Decision decision, OutputStream out) throws IOException {
        if (decision instanceof Decision.Answer answer) {
            codec.writeBv03(answer.bv03(), out);
            return SoapCodec.HTTP_OK;
        }
        if (decision instanceof Decision.Refuse refuse) {
            codec.writeFo03Fault(refuse.fo03(), out);
            return SoapCodec.HTTP_FAULT;
        }
        if (decision instanceof Decision.SoapFault fault) {
            codec.writeSoapFault(fault.kind(), fault.faultstring(), out);
            return SoapCodec.HTTP_FAULT;
        }
        throw new IllegalArgumentException("a Process decision is answered with answerAccepted or answerFailed");
    }

    /** The message of {@code process} is stored (as {@code deliveryId}): answers its Bv03, HTTP 200. */
    public int answerAccepted(Decision.Process process, String deliveryId, OutputStream out) throws IOException {
        Bv03 bv03 = dispatcher.accepted(process, deliveryId);
        codec.writeBv03(bv03, out);
        return SoapCodec.HTTP_OK;
    }

    /** The message of {@code process} is refused after a look at what it refers to: answers its Fo03, HTTP 500. */
    public int answerRefused(Decision.Process process, WsRefusal refusal, OutputStream out) throws IOException {
        codec.writeFo03Fault(dispatcher.refusedAfterClaim(process, refusal.reasonKey(), refusal.detail()), out);
        return SoapCodec.HTTP_FAULT;
    }

    /** Storing the message of {@code process} failed: answers a Fo03 (plek server), HTTP 500. */
    public int answerFailed(Decision.Process process, OutputStream out) throws IOException {
        Foutbericht fo03 = dispatcher.failed(process);
        codec.writeFo03Fault(fo03, out);
        return SoapCodec.HTTP_FAULT;
    }
}
