package nl.ggk.hub.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.http.DoorRequest;
import nl.ggk.hub.http.DoorRules;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Foutbericht;

/**
 * The door of {@code POST /ws/ggk0210}, run by {@link nl.ggk.hub.http.HttpDoorGuard} on the event loop before a
 * byte of the body is read: the bearer key, the SOAP media type and the declared length. Its own check (not the
 * upload door's): a SOAP request names no file and has no Idempotency-Key; a resend is told by its referentienummer.
 *
 * <p>A refusal keeps its HTTP status (401, 413, 415, 411, 400: WS-I Basic Profile R1115 names 415, and a SOAP stack
 * reports a status other than 200/500 as a transport error), but its body is what a SOAP client can read: a SOAP 1.1
 * Fault whose detail holds a Fo03 with the code of the configured table ({@code not-authorised}, {@code too-large},
 * else {@code envelope-invalid}) and a Dutch omschrijving. The Fo03 has no crossRefnummer: nothing was read.
 */
public final class WsDoor implements DoorRules.RequestCheck, DoorRules.RefusalWriter {

    /** SOAP 1.1 is {@code text/xml}; SOAP 1.2 ({@code application/soap+xml}) passes the door and gets VersionMismatch. */
    public static final Set<String> MEDIA_TYPES = Set.of("text/xml", "application/soap+xml");

    private final OrganisationRegistry registry;
    private final boolean demoKeysAccepted;
    private final SoapCodec codec;
    private final ErrorCodes codes;
    private final AnswerWriter answers;
    private final Clock clock;

    public WsDoor(OrganisationRegistry registry, boolean demoKeysAccepted, SoapCodec codec, ErrorCodes codes,
                  AnswerWriter answers, Clock clock) {
        this.registry = registry;
        this.demoKeysAccepted = demoKeysAccepted;
        this.codec = codec;
        this.codes = codes;
        this.answers = answers;
        this.clock = clock;
    }

    /** The organisation of the bearer key; 401 otherwise. The route asks again: nothing rests on a header alone. */
    public String caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblemException.unauthorized(ApiProblemException.NO_KEY);
        }
        return registry.authenticate(authorization.substring(7).trim(), demoKeysAccepted)
                .orElseThrow(() -> ApiProblemException.unauthorized(ApiProblemException.WRONG_KEY));
    }

    @Override
    public void check(DoorRequest request) {
        caller(request.header("Authorization"));
        String mediaType = request.mediaType();
        if (mediaType == null || !MEDIA_TYPES.contains(mediaType)) {
            throw ApiProblemException.unsupportedMediaType("Stuur het SOAP-verzoek als text/xml (SOAP 1.1).");
        }
    }

    @Override
    public DoorRules.Refusal write(ApiProblemException problem, String path) {
        String reason;
        String detail;
        switch (problem.status()) {
            case 401, 403 -> {
                reason = ErrorReasons.NOT_AUTHORISED;
                detail = "Geen geldige API-sleutel.";
            }
            case 413 -> {
                reason = ErrorReasons.TOO_LARGE;
                detail = null;
            }
            case 415 -> {
                reason = ErrorReasons.ENVELOPE_INVALID;
                detail = "Stuur het bericht als SOAP 1.1 met Content-Type text/xml.";
            }
            default -> {
                reason = ErrorReasons.ENVELOPE_INVALID;
                detail = "Het verzoek is niet leesbaar (" + problem.title().toLowerCase(Locale.ROOT) + ").";
            }
        }
        Foutbericht fo03 = answers.fo03(null, null, codes.forReason(reason), detail, null, clock.instant());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            codec.writeFo03Fault(fo03, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DoorRules.Refusal(SoapCodec.CONTENT_TYPE, out.toByteArray());
    }
}
