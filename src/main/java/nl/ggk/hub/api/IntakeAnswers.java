package nl.ggk.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
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

    /** One stored file of a multipart upload. */
    public record ReceivedFile(String id, String filename, @Schema(allowableValues = "RECEIVED") String status) {
    }

    /** The 202 answer: a single body's delivery (id, status), or one delivery per file part of a form. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A single body: id and status (and the Location header). A multipart/form-data body:"
            + " deliveries, one per file part, in the order of the parts.")
    public record DeliveryAccepted(@Schema(description = "the delivery id (single body)") String id,
                                   @Schema(allowableValues = "RECEIVED") String status,
                                   @ArraySchema(arraySchema = @Schema(description = "one per file part (form)"))
                                   List<ReceivedFile> deliveries) {
    }

    /** The body of a multipart/form-data upload: one or more file parts (any field name; here file). */
    @Schema(requiredProperties = "file")
    public record UploadForm(@ArraySchema(schema = @Schema(type = "string", format = "binary",
            description = "a file part; its filename names the delivery")) List<String> file) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file part accepted as {@code receipt}'s delivery, under the name the client gave it. */
    public ReceivedFile item(DeliveryRequests.Part part, Receipt receipt) {
        return new ReceivedFile(receipt.deliveryId(), part.filename(), "RECEIVED");
    }

    public Answer answer(List<ReceivedFile> items, DeliveryRequests.DeliveryRequest request)
            throws JsonProcessingException {
        return answer(items, request.contentType());
    }

    private Answer answer(List<ReceivedFile> items, String contentType) throws JsonProcessingException {
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (!multipart && items.size() == 1) {
            String id = items.get(0).id();
            return new Answer(202, "/api/v1/deliveries/" + id,
                    JSON.writeValueAsString(new DeliveryAccepted(id, "RECEIVED", null)));
        }
        return new Answer(202, null, JSON.writeValueAsString(new DeliveryAccepted(null, null, List.copyOf(items))));
    }
}
