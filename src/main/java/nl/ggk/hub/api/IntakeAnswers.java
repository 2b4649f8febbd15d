package nl.ggk.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.intake.IntakeService.IntakeRequest;
import nl.ggk.hub.intake.IntakeService.Receipt;

/**
 * The 202 answer to POST /api/v1/deliveries: {@code {"id","status"}} (and a Location) for a single body,
 * {@code {"deliveries":[{"id","filename","status"}]}} for a multipart/form-data body, one item per file part.
 */
public final class IntakeAnswers {

    /** A complete answer: what the route sends and what an Idempotency-Key replays. */
    public record Answer(int status, String location, String json) {

        /** A single body's answer names its delivery in a Location header. */
        public boolean hasLocation() {
            return location != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file part accepted as {@code receipt}'s delivery, under the name the client gave it. */
    public Map<String, Object> item(IntakeRequest part, Receipt receipt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", receipt.deliveryId());
        item.put("filename", part.filename());
        item.put("status", "RECEIVED");
        return item;
    }

    public Answer answer(List<Map<String, Object>> items, DeliveryRequests.DeliveryRequest request)
            throws JsonProcessingException {
        return answer(items, request.contentType());
    }

    private Answer answer(List<Map<String, Object>> items, String contentType) throws JsonProcessingException {
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (!multipart && items.size() == 1) {
            Map<String, Object> single = new LinkedHashMap<>();
            single.put("id", items.get(0).get("id"));
            single.put("status", "RECEIVED");
            return new Answer(202, "/api/v1/deliveries/" + items.get(0).get("id"), JSON.writeValueAsString(single));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveries", new ArrayList<>(items));
        return new Answer(202, null, JSON.writeValueAsString(body));
    }
}
