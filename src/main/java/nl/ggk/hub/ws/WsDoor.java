package nl.ggk.hub.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
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
import nl.ggk.hub.tls.ClientAuthMode;
import nl.ggk.hub.tls.Oin;

/**
 * The door of {@code POST /ws/ggk0210}, run by {@link nl.ggk.hub.http.HttpDoorGuard} on the event loop before a
 * byte of the body is read: the caller, the SOAP media type and the declared length. The caller is known by the bearer
 * key or, with two-way TLS ({@code ggk.tls.client-auth.ws}, {@link ClientAuthMode}), by the OIN in the subject
 * serialNumber of the client certificate the TLS handshake verified, looked up in the registry; with
 * {@code required} a request without a certificate is refused and bearer keys are not taken. Its own check (not the
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
    private final ClientAuthMode clientAuth;

    public WsDoor(OrganisationRegistry registry, boolean demoKeysAccepted, SoapCodec codec, ErrorCodes codes,
                  AnswerWriter answers, Clock clock) {
        this(registry, demoKeysAccepted, codec, codes, answers, clock, ClientAuthMode.OFF);
    }

    public WsDoor(OrganisationRegistry registry, boolean demoKeysAccepted, SoapCodec codec, ErrorCodes codes,
                  AnswerWriter answers, Clock clock, ClientAuthMode clientAuth) {
        this.clientAuth = clientAuth;
        this.registry = registry;
        this.demoKeysAccepted = demoKeysAccepted;
        this.codec = codec;
        this.codes = codes;
        this.answers = answers;
        this.clock = clock;
    }

    /** The organisation of the bearer key; 401 otherwise. */
    public String caller(String authorization) {
        return caller(authorization, null);
    }

    /**
     * The organisation of the client certificate (when this door takes certificates and one was presented) or else
     * of the bearer key (when this door takes keys); 401 without either, 403 for a certificate whose OIN the registry
     * does not know. The route asks again with the certificate the door handed over: nothing rests on a header alone.
     */
    public String caller(String authorization, X509Certificate certificate) {
        if (clientAuth.certificates() && certificate != null) {
            String oin = Oin.of(certificate).orElseThrow(() -> ApiProblemException.forbidden(
                    "The client certificate holds no OIN in its subject serialNumber."));
            return registry.organisationOfOin(oin).orElseThrow(() -> ApiProblemException.forbidden(
                    "The OIN of the client certificate is not registered."));
        }
        if (!clientAuth.bearerKeys()) {
            throw ApiProblemException.unauthorized("Present a client certificate (two-way TLS).");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblemException.unauthorized(ApiProblemException.NO_KEY);
        }
        return registry.authenticate(authorization.substring(7).trim(), demoKeysAccepted)
                .orElseThrow(() -> ApiProblemException.unauthorized(ApiProblemException.WRONG_KEY));
    }

    @Override
    public void check(DoorRequest request) {
        caller(request.header("Authorization"), request.clientCertificate().orElse(null));
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
            case 401 -> {
                reason = ErrorReasons.NOT_AUTHORISED;
                detail = switch (clientAuth) {
                    case OFF -> "Geen geldige API-sleutel.";
                    case OPTIONAL -> "Geen geldig clientcertificaat of geldige API-sleutel.";
                    case REQUIRED -> "Geen clientcertificaat: deze dienst vraagt tweezijdig TLS met een "
                            + "PKIoverheid-certificaat (Digikoppeling).";
                };
            }
            case 403 -> {
                reason = ErrorReasons.NOT_AUTHORISED;
                detail = clientAuth.certificates()
                        ? "Het clientcertificaat noemt geen OIN (subject serialNumber) dat bij de hub bekend is."
                        : "Geen geldige API-sleutel.";
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
