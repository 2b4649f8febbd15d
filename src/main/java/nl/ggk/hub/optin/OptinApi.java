package nl.ggk.hub.optin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.optin.OptinDecision.Part;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * The answers of {@code /api/v1/optin}: a gemeente's opt-in decision checked field by field, and once its CSV
 * is through the intake door, stored with the delivery that carries it; and the decision with its history.
 */
public final class OptinApi {

    /** Request bodies are a handful of fields: anything larger is not an opt-in. */
    private static final int MAX_BODY = 4096;

    private final OptinStore store;
    private final OrganisationRegistry registry;
    private final Clock clock;
    private final OptinFormat.Format format;

    public OptinApi(OptinStore store, OrganisationRegistry registry, Clock clock) {
        this(store, registry, clock, OptinFormat.Format.CSV);
    }

    /** @param format the format the opt-in goes to CBS in (the answer names that file too) */
    public OptinApi(OptinStore store, OrganisationRegistry registry, Clock clock, OptinFormat.Format format) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.format = format;
    }

    /** The body of POST /api/v1/optin: J or N per part of the monitor. */
    @Schema(name = "OptinRequest", requiredProperties = {"organisation", "year", "half", "WMO_BASIS", "WMO_FACULTATIEF",
            "JEUGD", "SBO"})
    public record OptinRequest(@Schema(description = "gemeentecode", example = "0384") String organisation,
                               @Schema(example = "2026") Integer year,
                               @Schema(description = "1 or 2", example = "1") Integer half,
                               @JsonProperty("WMO_BASIS") @Schema(allowableValues = {"J", "N"}) String wmoBasis,
                               @JsonProperty("WMO_FACULTATIEF") @Schema(allowableValues = {"J", "N"}) String wmoFacultatief,
                               @JsonProperty("JEUGD") @Schema(allowableValues = {"J", "N"}) String jeugd,
                               @JsonProperty("SBO") @Schema(allowableValues = {"J", "N"}) String sbo) {

        String letter(Part part) {
            return switch (part) {
                case WMO_BASIS -> wmoBasis;
                case WMO_FACULTATIEF -> wmoFacultatief;
                case JEUGD -> jeugd;
                case SBO -> sbo;
            };
        }
    }

    /**
     * A recorded decision: who decided what, when, and the delivery that carries it to CBS. {@code decidedBy}: the
     * organisation's code; {@code gekozenDoor}: the person as a user reads it (the organisation's name for a key).
     */
    public record OptinView(String id, String organisation, int year, int half,
                            @JsonProperty("WMO_BASIS") String wmoBasis,
                            @JsonProperty("WMO_FACULTATIEF") String wmoFacultatief, @JsonProperty("JEUGD") String jeugd,
                            @JsonProperty("SBO") String sbo, String decidedBy, String decidedAt, String deliveryId,
                            String fileName, String gekozenDoor) {
    }

    /** The 202 answer of POST /api/v1/optin: the decision, and the file CBS gets. */
    public record OptinAccepted(String id, String organisation, int year, int half,
                                @JsonProperty("WMO_BASIS") String wmoBasis,
                                @JsonProperty("WMO_FACULTATIEF") String wmoFacultatief,
                                @JsonProperty("JEUGD") String jeugd, @JsonProperty("SBO") String sbo, String decidedBy,
                                String decidedAt, String deliveryId, String fileName,
                                @Schema(allowableValues = "RECEIVED") String status, String cbsFileName,
                                @Schema(description = "the delivery's track & trace, /api/v1/deliveries/{id}")
                                String delivery) {

        /** Where the delivery that carries it is followed (the Location of the answer). */
        @JsonIgnore
        public String location() {
            return delivery;
        }
    }

    /** The current decision of a gemeente for a half year (null: none yet) and every decision before, oldest first. */
    public record OptinState(String organisation, int year, int half, @Schema(nullable = true) OptinView current,
                             List<OptinView> history) {
    }

    /**
     * The decision in the request body, or 400 naming the field; 403 for a gemeente the caller is not. A body the
     * binding could not read as an object (not JSON, or not an object) is {@code null}.
     */
    public OptinDecision decision(OptinRequest request, String caller, String contentLength) {
        return decision(request, caller, null, contentLength);
    }

    /** As above; {@code callerName} the person deciding, as the portal names them (header GgkUserName). */
    public OptinDecision decision(OptinRequest request, String caller, String callerName, String contentLength) {
        if (contentLength != null && contentLength.trim().matches("\\d{1,18}")
                && Long.parseLong(contentLength.trim()) > MAX_BODY) {
            throw ApiProblemException.badRequest("Dit is geen opt-in: de body is groter dan " + MAX_BODY + " bytes.");
        }
        if (request == null) {
            throw ApiProblemException.badRequest("De body moet JSON zijn: {\"organisation\": \"0384\", \"year\": 2026,"
                    + " \"half\": 1, \"WMO_BASIS\": \"J\", \"WMO_FACULTATIEF\": \"N\", \"JEUGD\": \"J\", \"SBO\": \"J\"}.");
        }
        String organisation = organisation(request.organisation(), caller);
        int year = year(request.year());
        int half = half(request.half());
        Map<Part, Boolean> consent = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            String value = request.letter(part);
            if (!"J".equals(value) && !"N".equals(value)) {
                throw ApiProblemException.badRequest("'" + part.name() + "' moet \"J\" of \"N\" zijn.");
            }
            consent.put(part, value.equals("J"));
        }
        return new OptinDecision(organisation, year, half, consent, caller, callerName);
    }

    /** Stores the decision now that its CSV is delivery {@code deliveryId}; the answer names both. */
    public OptinAccepted accepted(OptinDecision decision, String deliveryId) {
        OptinStore.Recorded recorded = new OptinStore.Recorded(UUID.randomUUID().toString(), decision, clock.instant(),
                deliveryId, decision.fileName("csv"));
        store.record(recorded);
        OptinView v = view(recorded);
        return new OptinAccepted(v.id(), v.organisation(), v.year(), v.half(), v.wmoBasis(), v.wmoFacultatief(),
                v.jeugd(), v.sbo(), v.decidedBy(), v.decidedAt(), v.deliveryId(), v.fileName(), "RECEIVED",
                decision.fileName(format == OptinFormat.Format.XLSX ? "xlsx" : "csv"),
                "/api/v1/deliveries/" + deliveryId);
    }

    /** The current decision (null: none yet) and the history, oldest first. */
    public OptinState current(String caller, String organisation, String year, String half) {
        String org = organisation(organisation, caller);
        int y = year(year == null || !year.trim().matches("20\\d{2}") ? null : Integer.valueOf(year.trim()));
        int h = half(half == null || !half.trim().matches("[12]") ? null : Integer.valueOf(half.trim()));
        List<OptinView> views = new ArrayList<>();
        store.history(org, y, h).forEach(r -> views.add(view(r)));
        return new OptinState(org, y, h, views.isEmpty() ? null : views.get(views.size() - 1), views);
    }

    private String organisation(String requested, String caller) {
        if (requested == null || requested.isBlank()) {
            throw ApiProblemException.badRequest("'organisation' moet een gemeentecode zijn (4 cijfers).");
        }
        String org = requested.trim();
        if (!org.matches("\\d{4}") || !registry.isGemeente(org)) {
            throw ApiProblemException.badRequest("'organisation' moet de gemeentecode van een aangesloten gemeente zijn.");
        }
        if (!registry.mayActFor(caller, org)) {
            throw ApiProblemException.forbidden("Organisatie " + caller + " mag de opt-in van " + org + " niet doorgeven of lezen.");
        }
        return org;
    }

    private static int year(Integer value) {
        if (value == null || value < 2000 || value > 2099) {
            throw ApiProblemException.badRequest("'year' moet een jaartal zijn, bijvoorbeeld 2026.");
        }
        return value;
    }

    private static int half(Integer value) {
        if (value == null || (value != 1 && value != 2)) {
            throw ApiProblemException.badRequest("'half' moet 1 of 2 zijn.");
        }
        return value;
    }

    private OptinView view(OptinStore.Recorded r) {
        OptinDecision d = r.decision();
        return new OptinView(r.id(), d.organisation(), d.year(), d.half(), d.letter(Part.WMO_BASIS),
                d.letter(Part.WMO_FACULTATIEF), d.letter(Part.JEUGD), d.letter(Part.SBO), d.decidedBy(),
                r.decidedAt().toString(), r.deliveryId(), r.fileName(),
                d.decidedByName() != null ? d.decidedByName() : registry.displayName(d.decidedBy()));
    }
}
