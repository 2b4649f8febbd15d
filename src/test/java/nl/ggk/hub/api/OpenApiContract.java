package nl.ggk.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenAPI 3.0 document (read with swagger-parser, every $ref resolved) and the check of a real exchange against it:
 * the path and method are documented, every query parameter sent is declared, the status is a documented response,
 * the answer's media type is one that response declares, and a JSON body is valid against its schema (networknt
 * json-schema-validator, OpenAPI 3.0 dialect: nullable, formats). What does not fit is returned as a list of findings.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

    private final OpenAPI openApi;
    private final List<String> parseMessages;
    private final Set<String> checked = new TreeSet<>();

    OpenApiContract(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        this.openApi = result.getOpenAPI();
        this.parseMessages = result.getMessages() == null ? List.of() : List.copyOf(result.getMessages());
    }

    OpenAPI openApi() {
        return openApi;
    }

    List<String> parseMessages() {
        return parseMessages;
    }

    /** "METHOD /path/{template} status" of every exchange checked so far. */
    Set<String> checked() {
        return checked;
    }

    /** The findings for one exchange: empty when it fits the document. */
    List<String> check(String method, String uri, HttpResponse<byte[]> response) {
        List<String> findings = new ArrayList<>();
        URI parsed = URI.create(uri);
        String template = template(parsed.getPath());
        String call = method + " " + parsed.getPath() + " → " + response.statusCode();
        if (template == null) {
            findings.add(call + ": path not in the document");
            return findings;
        }
        Operation operation = openApi.getPaths().get(template).readOperationsMap()
                .get(PathItem.HttpMethod.valueOf(method));
        if (operation == null) {
            findings.add(call + ": " + method + " " + template + " not in the document");
            return findings;
        }
        checked.add(method + " " + template + " " + response.statusCode());
        for (String name : queryNames(parsed.getRawQuery())) {
            boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> "query".equals(p.getIn()) && name.equals(p.getName()));
            if (!declared) {
                findings.add(call + ": query parameter '" + name + "' not declared");
            }
        }
        ApiResponse documented = operation.getResponses() == null ? null
                : operation.getResponses().get(String.valueOf(response.statusCode()));
        if (documented == null) {
            findings.add(call + ": status " + response.statusCode() + " not documented (documented: "
                    + (operation.getResponses() == null ? "none" : operation.getResponses().keySet()) + ")");
            return findings;
        }
        byte[] body = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (documented.getContent() == null || documented.getContent().isEmpty()) {
            if (body != null && body.length > 0) {
                findings.add(call + ": a body (" + contentType + ") where the document names none");
            }
            return findings;
        }
        if (contentType == null) {
            findings.add(call + ": no Content-Type; documented " + documented.getContent().keySet());
            return findings;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        MediaType declared = documented.getContent().get(mediaType);
        if (declared == null) {
            findings.add(call + ": Content-Type " + mediaType + " not documented; documented "
                    + documented.getContent().keySet());
            return findings;
        }
        if (declared.getSchema() == null) {
            findings.add(call + ": " + mediaType + " has no schema");
            return findings;
        }
        if (mediaType.contains("json")) {
            findings.addAll(validate(call, declared.getSchema(), body));
        } else if (body == null || body.length == 0) {
            findings.add(call + ": an empty " + mediaType + " body");
        }
        return findings;
    }

    private static List<String> validate(String call, io.swagger.v3.oas.models.media.Schema<?> schema, byte[] body) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(call + ": not JSON: " + new String(body, StandardCharsets.UTF_8));
        }
        Schema validator = SCHEMAS.getSchema(Json.mapper().valueToTree(schema));
        List<String> findings = new ArrayList<>();
        for (Error error : validator.validate(instance)) {
            findings.add(call + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return findings;
    }

    /** The documented path template an actual path matches, literal paths before templates. */
    String template(String path) {
        String match = null;
        for (Map.Entry<String, PathItem> entry : openApi.getPaths().entrySet()) {
            String template = entry.getKey();
            if (template.equals(path)) {
                return template;
            }
            String regex = template.replaceAll("\\{[^/]+}", "[^/]+");
            if (path.matches(regex)) {
                match = template;
            }
        }
        return match;
    }

    private static List<String> queryNames(String rawQuery) {
        List<String> names = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return names;
        }
        for (String pair : rawQuery.split("&")) {
            names.add(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
        }
        return names;
    }

    /** Every operation as "METHOD /path". */
    List<String> operations() {
        List<String> all = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> all.add(method.name() + " " + path)));
        return all;
    }

    static boolean declares(Operation operation, String in, String name) {
        if (operation.getParameters() == null) {
            return false;
        }
        for (Parameter p : operation.getParameters()) {
            if (in.equals(p.getIn()) && name.equalsIgnoreCase(p.getName())) {
                return true;
            }
        }
        return false;
    }
}
