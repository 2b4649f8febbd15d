package nl.ggk.hub.api;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.ggk.hub.api.IntakeAnswers.Answer;
import nl.ggk.hub.http.ContentDisposition;
import nl.ggk.hub.http.DoorRequest;
import nl.ggk.hub.http.Upload;
import nl.ggk.hub.intake.IntakeService.IntakeRequest;
import nl.ggk.hub.intake.IntakeService.Receipt;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.portal.PortalAccess;
import nl.ggk.hub.portal.Role;
import nl.ggk.hub.web.ApiProblemException;

/** Reads what an HTTP client says about itself and its delivery: key, organisation, file name, media type. */
public final class DeliveryRequests {

    /**
     * One POST /api/v1/deliveries: who delivers ({@code sender}) for whom, its media type and Idempotency-Key, one
     * part per file; {@code earlier} the answer first given for the key ({@link Idempotency#earlier}).
     */
    public record DeliveryRequest(String sender, String organisation, String contentType, String idempotencyKey,
                                  List<Part> parts, Answer earlier) {

        /** The Idempotency-Key was seen before: the first answer is given again, nothing is delivered. */
        public boolean replay() {
            return earlier != null;
        }

        DeliveryRequest withEarlier(Answer answer) {
            return new DeliveryRequest(sender, organisation, contentType, idempotencyKey, parts, answer);
        }

        DeliveryRequest withParts(List<Part> found) {
            return new DeliveryRequest(sender, organisation, contentType, idempotencyKey, List.copyOf(found), earlier);
        }
    }

    /**
     * One file part: its intake request; with an Idempotency-Key its {@code claim} (the key and the part's place),
     * and the receipt of the delivery an earlier try of the key stored of it ({@link Idempotency#earlier}), if any:
     * {@code earlierReceived} while that delivery is still RECEIVED (or its record was lost): its receipt may never
     * have reached the broker.
     */
    public record Part(IntakeRequest request, Idempotency.PartClaim claim, Receipt earlier, boolean earlierReceived) {

        /** The name the client gave the file. */
        public String filename() {
            return request.filename();
        }

        /** An earlier try of the Idempotency-Key stored this part: it is not stored again. */
        public boolean storedBefore() {
            return earlier != null;
        }

        /** Stored before and maybe never enqueued: its receipt goes to the broker again (taken twice as once). */
        public boolean enqueueAgain() {
            return earlier != null && earlierReceived;
        }

        Part withEarlier(Receipt receipt, boolean received) {
            return new Part(request, claim, receipt, received);
        }
    }

    /** The channel of POST /api/v1/deliveries in track &amp; trace. */
    static final String CHANNEL = "HTTP";

    private final OrganisationRegistry registry;
    private final boolean demoKeysAccepted;

    private final Set<String> acceptedMediaTypes;
    private final PortalAccess portalAccess;

    /** Who may upload: a cbs-aanleveraar (GMSD files, opt-in) or berichtenverkeer (iWmo/iJw/SVB). */
    public static final Set<Role> UPLOADERS = Set.of(Role.CBS_AANLEVERAAR, Role.BERICHTENVERKEER);

    public DeliveryRequests(OrganisationRegistry registry, boolean demoKeysAccepted, Set<String> acceptedMediaTypes,
                            PortalAccess portalAccess) {
        this.registry = registry;
        this.acceptedMediaTypes = Set.copyOf(acceptedMediaTypes);
        this.demoKeysAccepted = demoKeysAccepted;
        this.portalAccess = portalAccess;
    }

    /** The organisation behind the bearer key, or 401. */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblemException.unauthorized(ApiProblemException.NO_KEY);
        }
        return registry.authenticate(authorization.substring(7).trim(), demoKeysAccepted)
                .orElseThrow(() -> ApiProblemException.unauthorized(ApiProblemException.WRONG_KEY));
    }

    /**
     * The organisation that uploads: the bearer key's, or the portal session's (with its X-CSRF-Token and a role
     * that may upload); 401 or 403 otherwise. The door on the event loop uses the session memory instead
     * ({@link #checkUpload}).
     */
    public String uploader(String authorization, String cookie, String csrfToken) {
        return portalAccess.caller(authorization, cookie, csrfToken, "POST", UPLOADERS).organisation();
    }

    /**
     * The request of the uploads the door stored: the caller authenticated again (nothing rests on a header alone),
     * the organisation it delivers for (itself or a member, else 403), one intake request per upload, each read by
     * the intake only then.
     */
    public DeliveryRequest request(List<Upload> uploads, String authorization, String cookie, String csrfToken,
                                   String requestedOrganisation, String contentType, String idempotencyKey) {
        String sender = uploader(authorization, cookie, csrfToken);
        String organisation = organisation(sender, requestedOrganisation);
        List<Part> parts = new ArrayList<>();
        for (Upload upload : uploads) {
            parts.add(new Part(new IntakeRequest(sender, organisation, CHANNEL, upload.filename(),
                    () -> Files.newInputStream(upload.file())), idempotencyKey == null ? null
                    : new Idempotency.PartClaim(sender, idempotencyKey, parts.size()), null, false));
        }
        return new DeliveryRequest(sender, organisation, contentType, idempotencyKey, List.copyOf(parts), null);
    }

    /** The organisation a delivery concerns: the caller itself, or a member it may deliver for (else 403). */
    public String organisation(String caller, String requested) {
        if (requested == null || requested.isBlank() || requested.equals(caller)) {
            return caller;
        }
        if (!registry.mayActFor(caller, requested)) {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag niet aanleveren voor organisatie " + requested + ".");
        }
        return requested;
    }

    /**
     * The door's check of POST /api/v1/deliveries, before the body is read: who calls, for whom, under which file
     * name (a multipart body names its files in its parts) and with which Idempotency-Key.
     */
    public void checkUpload(DoorRequest request) {
        String caller = portalAccess.callerAtDoor(request.header("Authorization"), request.header("Cookie"),
                request.header(PortalAccess.CSRF_HEADER), "POST", UPLOADERS).organisation();
        organisation(caller, request.header("X-Organisation"));
        if (!request.multipart()) {
            filename(request.header("Content-Disposition"), request.query("filename"));
        }
        Idempotency.checkKey(request.header("Idempotency-Key"));
    }

    /** {@code ?filename=} wins; else Content-Disposition as RFC 6266 reads it ({@code filename*} first). */
    public String filename(String contentDisposition, String queryFilename) {
        if (queryFilename != null && !queryFilename.isBlank()) {
            return queryFilename;
        }
        var fromHeader = ContentDisposition.filename(contentDisposition);
        if (fromHeader.isPresent()) {
            return fromHeader.get();
        }
        throw ApiProblemException.badRequest(
                "Geef de bestandsnaam mee: met de header 'Content-Disposition: attachment; filename=...' of met '?filename=...'.");
    }

    public void checkMediaType(String contentType) {
        if (contentType == null) {
            throw ApiProblemException.unsupportedMediaType("Geef een Content-Type mee: een ZIP-, CSV- of XML-bestand.");
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!acceptedMediaTypes.contains(mediaType)) {
            throw ApiProblemException.unsupportedMediaType("Content-Type " + mediaType
                    + " wordt niet aangenomen; stuur application/zip, text/csv of application/xml.");
        }
    }

    public void checkDeclaredLength(String contentLength, long maxBytes) {
        if (contentLength == null) {
            return;
        }
        try {
            if (Long.parseLong(contentLength.trim()) > maxBytes) {
                throw ApiProblemException.tooLarge("Het bestand is groter dan de grens van " + maxBytes + " bytes.");
            }
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("Content-Length is geen getal.");
        }
    }
}
