package nl.ggk.hub.optin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The decision in the request body (JSON), or 400 naming the field; 403 for a gemeente the caller is not. */
    public OptinDecision decision(InputStream body, String caller) throws IOException {
        JsonNode json;
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ApiProblemException.badRequest("The body is not an opt-in: at most " + MAX_BODY + " bytes.");
            }
            json = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblemException.badRequest("The body must be JSON: {\"organisation\": \"0384\", \"year\": 2026,"
                    + " \"half\": 1, \"WMO_BASIS\": \"J\", \"WMO_FACULTATIEF\": \"N\", \"JEUGD\": \"J\", \"SBO\": \"J\"}.");
        }
        if (json == null || !json.isObject()) {
            throw ApiProblemException.badRequest("The body must be a JSON object with organisation, year, half,"
                    + " WMO_BASIS, WMO_FACULTATIEF, JEUGD and SBO.");
        }
        String organisation = organisation(text(json, "organisation"), caller);
        int year = year(text(json, "year"));
        int half = half(text(json, "half"));
        Map<Part, Boolean> consent = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            String value = text(json, part.name());
            if (!"J".equals(value) && !"N".equals(value)) {
                throw ApiProblemException.badRequest("'" + part.name() + "' must be \"J\" or \"N\".");
            }
            consent.put(part, value.equals("J"));
        }
        return new OptinDecision(organisation, year, half, consent, caller);
    }

    /** Stores the decision now that its CSV is delivery {@code deliveryId}; the answer names both. */
    public Map<String, Object> accepted(OptinDecision decision, String deliveryId) {
        OptinStore.Recorded recorded = new OptinStore.Recorded(UUID.randomUUID().toString(), decision, clock.instant(),
                deliveryId, decision.fileName("csv"));
        store.record(recorded);
        Map<String, Object> answer = view(recorded);
        answer.put("status", "RECEIVED");
        answer.put("cbsFileName", decision.fileName(format == OptinFormat.Format.XLSX ? "xlsx" : "csv"));
        answer.put("delivery", "/api/v1/deliveries/" + deliveryId);
        return answer;
    }

    /** The current decision (null: none yet) and the history, oldest first. */
    public Map<String, Object> current(String caller, String organisation, String year, String half) {
        String org = organisation(organisation, caller);
        int y = year(year);
        int h = half(half);
        List<OptinStore.Recorded> history = store.history(org, y, h);
        List<Map<String, Object>> views = new ArrayList<>();
        history.forEach(r -> views.add(view(r)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", org);
        body.put("year", y);
        body.put("half", h);
        body.put("current", views.isEmpty() ? null : views.get(views.size() - 1));
        body.put("history", views);
        return body;
    }

    private String organisation(String requested, String caller) {
        if (requested == null || requested.isBlank()) {
            throw ApiProblemException.badRequest("'organisation' must be a gemeentecode (4 digits).");
        }
        String org = requested.trim();
        if (!org.matches("\\d{4}") || !registry.isGemeente(org)) {
            throw ApiProblemException.badRequest("'organisation' must be the gemeentecode of a registered gemeente.");
        }
        if (!registry.mayActFor(caller, org)) {
            throw ApiProblemException.forbidden(caller + " may not decide or read the opt-in of " + org + ".");
        }
        return org;
    }

    private static int year(String value) {
        if (value == null || !value.trim().matches("20\\d{2}")) {
            throw ApiProblemException.badRequest("'year' must be a year such as 2026.");
        }
        return Integer.parseInt(value.trim());
    }

    private static int half(String value) {
        if (value == null || !value.trim().matches("[12]")) {
            throw ApiProblemException.badRequest("'half' must be 1 or 2.");
        }
        return Integer.parseInt(value.trim());
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static Map<String, Object> view(OptinStore.Recorded r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("organisation", r.decision().organisation());
        v.put("year", r.decision().year());
        v.put("half", r.decision().half());
        v.putAll(r.decision().letters());
        v.put("decidedBy", r.decision().decidedBy());
        v.put("decidedAt", r.decidedAt().toString());
        v.put("deliveryId", r.deliveryId());
        v.put("fileName", r.fileName());
        return v;
    }
}
