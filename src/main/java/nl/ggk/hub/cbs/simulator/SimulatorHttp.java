package nl.ggk.hub.cbs.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.stuf.AnswerWriter;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.stuf.Envelope;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.ws.SoapCodec;
import nl.ggk.hub.ws.SoapRequest;
import nl.ggk.hub.ws.SoapRequestException;

/**
 * The HTTP face of the {@link CbsSimulator}, for the routes {@code cbs-simulator*}: reads the hub's SOAP Di01 with
 * the hub's own codec (so a Di01 the hub's schema refuses is answered with a Fault, as RINIS would), answers after
 * the simulator's mode, and takes the control calls the tests use.
 */
public final class SimulatorHttp {

    /** HTTP status and body of an answer; {@code callback} the technical feedback to send later, or null. */
    public record Reply(int status, byte[] content, Callback callback) {
        public Reply(int status, byte[] content) {
            this(status, content, null);
        }

        /** CBS's technical check follows: the callback is planned before the answer. */
        public boolean callsBack() {
            return callback != null;
        }
    }

    private final CbsSimulator simulator;
    private final SoapCodec codec;
    private final ErrorCodes codes;
    private final AnswerWriter answers;
    private final SimulatorCheck check;
    private final SimulatorCallbacks callbacks;
    private final Path workDir;

    /**
     * @param answers writes the simulator's own Fo03 (zender CBS)
     * @param workDir where a received file waits while CBS checks it (deleted at once)
     */
    public SimulatorHttp(CbsSimulator simulator, SoapCodec codec, ErrorCodes codes, AnswerWriter answers,
                         SimulatorCheck check, SimulatorCallbacks callbacks, Path workDir) {
        this.simulator = simulator;
        this.codec = codec;
        this.codes = codes;
        this.answers = answers;
        this.check = check;
        this.callbacks = callbacks;
        this.workDir = workDir;
    }

    public CbsSimulator simulator() {
        return simulator;
    }

    public SimulatorCallbacks callbacks() {
        return callbacks;
    }

    /**
     * One SOAP request from the hub's forwarding. The first Bv03 for a GMSD file comes with the technical feedback
     * CBS will send back (checked now, sent later by the route).
     */
    public Reply receive(InputStream request, String soapAction) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path payload = Files.createTempFile(workDir, "sim-", ".part");
        try {
            return receive(request, soapAction, payload);
        } finally {
            Files.deleteIfExists(payload);
        }
    }

    private Reply receive(InputStream request, String soapAction, Path payload)
            throws IOException, InterruptedException {
        SoapRequest read;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream file = Files.newOutputStream(payload)) {
            read = codec.read(request, soapAction, file);
        } catch (SoapRequestException e) {
            if (e.kind() == SoapRequestException.Kind.FO03) {
                codec.writeFo03Fault(answers.fo03(e.zender(), e.referentienummer(), codes.forReason(e.reasonKey()),
                        e.detail(), e.details(), Instant.now()), out);
            } else {
                codec.writeSoapFault(e.kind(), e.detail(), out);
            }
            return new Reply(500, out.toByteArray());
        }
        Envelope envelope = read.envelope();
        if (envelope == null) {
            codec.writeFo03Fault(answers.fo03(read.zender(), read.referentienummer(),
                    codes.forReason(ErrorReasons.FUNCTIE_NOT_SUPPORTED), "Fo01", null, Instant.now()), out);
            return new Reply(500, out.toByteArray());
        }
        StufSysteem zender = read.zender();
        CbsSimulator.Answer answer = simulator.receive(new CbsSimulator.Receipt(envelope.referentienummer(), zender,
                envelope.functie(), envelope.bestandsnaam()));
        if (!answer.delay().isZero()) {
            // the simulator plays a slow CBS: the hub's response timeout is what a test checks
            Thread.sleep(answer.delay().toMillis());
        }
        if (answer.isUnavailable()) {
            return new Reply(503, "Service Unavailable (CBS simulator)".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (answer.fo03() != null) {
            codec.writeFo03Fault(answer.fo03(), out);
            return new Reply(500, out.toByteArray());
        }
        Callback callback = null;
        // a Du01 (a gemeente's terugmelding on a spiegelrapport) answers a CBS message: CBS checks no file in it
        if (answer.callBack() && envelope.bestandsnaam() != null && !envelope.isRetourbericht()) {
            String gemeente = zender.organisatie();
            callback = callbacks.technicalFeedback(envelope.referentienummer(), gemeente,
                    check.check(payload, envelope.bestandsnaam(), gemeente));
        }
        codec.writeBv03(answer.bv03(), out);
        return new Reply(200, out.toByteArray(), callback);
    }

    /** The control API: {@code mode} unavailable (seconds), fo03 (code), slow (ms) or healthy. */
    public String control(String mode, String seconds, String code, String ms) {
        switch (mode == null ? "" : mode) {
            case "unavailable" -> simulator.unavailableFor(Duration.ofSeconds(Long.parseLong(seconds)));
            case "fo03" -> simulator.answerFo03(codes.byCode(code).orElseThrow(
                    () -> new IllegalArgumentException("unknown code " + code)));
            case "slow" -> simulator.slow(Duration.ofMillis(Long.parseLong(ms)));
            case "healthy" -> simulator.healthy();
            default -> throw new IllegalArgumentException("mode must be unavailable, fo03, slow or healthy");
        }
        return "{\"mode\": \"" + mode + "\"}";
    }

    /** Bv03 count per referentienummer. */
    public Map<String, Integer> receipts() {
        return simulator.acceptedCounts();
    }

    /** What CBS accepted, one item per referentienummer (GET /sim/cbs/received). */
    public List<CbsSimulator.Received> received() {
        return simulator.received();
    }
}
