package nl.ggk.hub.web;

import java.util.Map;

/**
 * A request the hub refuses, answered as an RFC 9457 {@code application/problem+json} body with this HTTP status.
 * The title is stable per status and in Dutch (a person reads it; RFC 9457 allows the phrase to be localised); the
 * detail tells the client, in Dutch, what to change; the {@code code} beside them is a stable English word for
 * machines (one per status unless a refusal names its own, such as {@code starting}).
 */
public final class ApiProblemException extends RuntimeException {

    /** A status's stable code (English, for machines) and title (Dutch, for people). */
    private record Kind(String code, String title) {
    }

    private static final Map<Integer, Kind> KINDS = Map.ofEntries(
            Map.entry(400, new Kind("bad-request", "Ongeldig verzoek")),
            Map.entry(401, new Kind("unauthorized", "Niet ingelogd")),
            Map.entry(403, new Kind("forbidden", "Geen toegang")),
            Map.entry(404, new Kind("not-found", "Niet gevonden")),
            Map.entry(405, new Kind("method-not-allowed", "Methode niet toegestaan")),
            Map.entry(408, new Kind("request-timeout", "Verzoek duurde te lang")),
            Map.entry(409, new Kind("conflict", "Conflict")),
            Map.entry(411, new Kind("length-required", "Lengte ontbreekt")),
            Map.entry(413, new Kind("content-too-large", "Verzoek te groot")),
            Map.entry(415, new Kind("unsupported-media-type", "Soort inhoud niet ondersteund")),
            Map.entry(429, new Kind("too-many-requests", "Te veel pogingen")),
            Map.entry(500, new Kind("internal-error", "Fout in de hub")),
            Map.entry(503, new Kind("service-unavailable", "Tijdelijk niet beschikbaar")));

    /** 401 for a machine door without a key. */
    public static final String NO_KEY = "Geef uw API-sleutel mee in de header 'Authorization: Bearer <API-sleutel>'.";
    /** 401 for a key the hub does not know (or that is switched off). */
    public static final String WRONG_KEY = "De API-sleutel is niet geldig.";

    private final int status;
    private final String title;
    private final String code;
    private final boolean routine;

    /** A refusal with the status's own Dutch title and English code. */
    public ApiProblemException(int status, String detail) {
        this(status, kind(status).title(), kind(status).code(), detail, false);
    }

    /** A refusal with a title and code of its own (the title in Dutch, the code a stable English word). */
    public ApiProblemException(int status, String title, String code, String detail) {
        this(status, title, code, detail, false);
    }

    private ApiProblemException(int status, String title, String code, String detail, boolean routine) {
        super(detail);
        this.status = status;
        this.title = title;
        this.code = code;
        this.routine = routine;
    }

    private static Kind kind(int status) {
        return KINDS.getOrDefault(status, new Kind("http-" + status, "Verzoek niet uitgevoerd"));
    }

    public static ApiProblemException unauthorized(String detail) {
        return new ApiProblemException(401, detail);
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(403, detail);
    }

    public static ApiProblemException notFound(String detail) {
        return new ApiProblemException(404, detail);
    }

    public static ApiProblemException badRequest(String detail) {
        return new ApiProblemException(400, detail);
    }

    public static ApiProblemException tooLarge(String detail) {
        return new ApiProblemException(413, detail);
    }

    public static ApiProblemException unsupportedMediaType(String detail) {
        return new ApiProblemException(415, detail);
    }

    /**
     * The same answer, marked as routine: the normal course of things rather than a refusal worth a WARN line (the
     * portal asking who is logged in before anyone is).
     */
    public ApiProblemException routine() {
        return new ApiProblemException(status, title, code, getMessage(), true);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The stable English code beside the Dutch title, for machines. */
    public String code() {
        return code;
    }

    public boolean isRoutine() {
        return routine;
    }
}
