package nl.ggk.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.OpenApiHelper;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;

/**
 * {@code GET /api/v1/openapi.json} (route api-openapi): the OpenAPI 3.0 document of the REST DSL in routes/, as Camel's
 * openapi-java generates it from each verb's {@code type}, {@code outType}, {@code param} and {@code responseMessage},
 * with what that generator does not do:
 * <ul>
 *   <li>a response message's declared {@code contentType} (all errors: {@code application/problem+json}) is the media
 *       type of that response, instead of the verb's {@code produces};</li>
 *   <li>a verb that answers 201 or 202 has no 200 (the generator adds one for every {@code outType});</li>
 *   <li>a body of a media type that is neither JSON nor a form (the upload door's ZIP, CSV, XML and text types, the
 *       downloads' files) is a byte stream ({@code string}, {@code binary});</li>
 *   <li>a record is written whole (Jackson writes every component, null included): every property of a record's
 *       schema is required, unless the record declares its required properties itself or leaves out what is null
 *       ({@code @JsonInclude(NON_NULL)}); a nullable component of a record type is that record's object schema,
 *       nullable (OpenAPI 3.0 has no nullable {@code $ref});</li>
 *   <li>the server is the one the client sees: {@code ggk.api.public-url}, by default relative ({@code /}), never the
 *       address the hub listens on; and no vendor extensions (Camel's class names).</li>
 * </ul>
 * Built once, on the first request (the REST DSL does not change while the hub runs).
 */
public final class OpenApiDocument implements CamelContextAware {

    private final String title;
    private final String version;
    private final String publicUrl;
    private CamelContext context;
    private volatile String json;

    /** @param publicUrl where clients reach the hub, e.g. {@code https://hub.example.nl}; blank or "/": relative */
    public OpenApiDocument(String title, String version, String publicUrl) {
        this.title = title;
        this.version = version;
        String url = publicUrl == null ? "" : publicUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.publicUrl = url.isEmpty() ? "/" : url;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    /** The document as JSON text. */
    public String json() throws Exception {
        String document = json;
        if (document == null) {
            BeanConfig config = new BeanConfig();
            config.setVersion("3.0.0");
            document = RestOpenApiSupport.getJsonFromOpenAPIAsString(build(config), config);
            json = document;
        }
        return document;
    }

    OpenAPI build(BeanConfig config) throws Exception {
        config.setInfo(new io.swagger.v3.oas.models.info.Info().title(title).version(version)
                .description("The HTTP API of ggk-hub: deliveries and their track & trace, the outbox, opt-in,"
                        + " foutrapportage, terugmelding, the activity feed, portal sessions and users. Every refusal"
                        + " is application/problem+json with a Dutch detail. See docs/api.md."));
        List<RestDefinition> rests = new RestOpenApiSupport().getRestDefinitions(context);
        OpenAPI openApi = new RestOpenApiReader().read(context, rests, config, context.getName(),
                context.getClassResolver());
        openApi.setServers(List.of(new Server().url(publicUrl)));
        Map<String, Operation> operations = operations(openApi);
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                Operation operation = operations.get(verb.getId());
                if (operation != null) {
                    declaredMediaTypes(verb, operation);
                    onlyDeclaredSuccess(verb, operation);
                    streamedBodies(operation);
                }
            }
        }
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            schemas.values().forEach(this::wholeRecord);
            schemas.values().forEach(schema -> nullableRecords(schema, schemas));
        }
        OpenApiHelper.clearVendorExtensions(openApi);
        return openApi;
    }

    private static Map<String, Operation> operations(OpenAPI openApi) {
        Map<String, Operation> byId = new LinkedHashMap<>();
        for (PathItem path : openApi.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                byId.put(operation.getOperationId(), operation);
            }
        }
        return byId;
    }

    /** Each response message with a contentType is of that media type alone, with the schema of its model. */
    private void declaredMediaTypes(VerbDefinition verb, Operation operation) {
        for (ResponseMessageDefinition message : verb.getResponseMsgs()) {
            String mediaType = message.getContentType();
            if (mediaType == null || operation.getResponses() == null) {
                continue;
            }
            ApiResponse response = operation.getResponses().get(context.resolvePropertyPlaceholders(message.getCode()));
            if (response == null || response.getContent() == null || response.getContent().isEmpty()) {
                continue;
            }
            MediaType first = response.getContent().values().iterator().next();
            response.setContent(new Content().addMediaType(mediaType, first));
        }
    }

    /** The generator's 200 (from outType) goes where the verb declares another success (201, 202) and no 200. */
    private void onlyDeclaredSuccess(VerbDefinition verb, Operation operation) {
        List<String> codes = verb.getResponseMsgs().stream()
                .map(m -> context.resolvePropertyPlaceholders(m.getCode())).toList();
        if (!codes.contains("200") && codes.stream().anyMatch(c -> c.startsWith("2"))
                && operation.getResponses() != null) {
            operation.getResponses().remove("200");
        }
    }

    /** A body (request or answer) that is neither JSON nor a form is the file itself. */
    private static void streamedBodies(Operation operation) {
        if (operation.getRequestBody() != null) {
            binary(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> binary(response.getContent()));
        }
    }

    private static void binary(Content content) {
        if (content == null) {
            return;
        }
        content.forEach((name, mediaType) -> {
            String type = name.toLowerCase(Locale.ROOT);
            if (!type.contains("json") && !type.startsWith("multipart/")) {
                mediaType.setSchema(new BinarySchema());
            }
        });
    }

    /**
     * A record's schema: every property required (Jackson writes every component, null included), unless the record
     * declares its required properties itself or leaves out what is null ({@code @JsonInclude(NON_NULL)}).
     */
    @SuppressWarnings("rawtypes")
    private void wholeRecord(Schema schema) {
        Class<?> type = recordOf(schema);
        JsonInclude include = type == null ? null : type.getAnnotation(JsonInclude.class);
        if (type != null && schema.getProperties() != null && schema.getRequired() == null
                && (include == null || include.value() == JsonInclude.Include.ALWAYS)) {
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
    }

    /**
     * A component of a record type that may be null ({@code @Schema(nullable = true)}): OpenAPI 3.0 has no nullable
     * {@code $ref}, so the property is the referenced object schema itself, nullable.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void nullableRecords(Schema schema, Map<String, Schema> components) {
        Class<?> type = recordOf(schema);
        if (type == null || schema.getProperties() == null) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String property = renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
            io.swagger.v3.oas.annotations.media.Schema declared =
                    component.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            Schema value = (Schema) schema.getProperties().get(property);
            if (declared == null || !declared.nullable() || value == null || value.get$ref() == null) {
                continue;
            }
            Schema target = components.get(value.get$ref().substring(value.get$ref().lastIndexOf('/') + 1));
            if (target != null) {
                schema.getProperties().put(property, new ObjectSchema().properties(target.getProperties())
                        .required(target.getRequired()).description(target.getDescription()).nullable(true));
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private Class<?> recordOf(Schema schema) {
        Object className = schema.getExtensions() == null ? null : schema.getExtensions().get("x-className");
        if (!(className instanceof Map<?, ?> name)) {
            return null;
        }
        Class<?> type = context.getClassResolver().resolveClass(String.valueOf(name.get("format")));
        return type != null && type.isRecord() ? type : null;
    }
}
