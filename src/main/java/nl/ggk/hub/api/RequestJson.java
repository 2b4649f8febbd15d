package nl.ggk.hub.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.jackson.JacksonDataFormat;

/**
 * The JSON binding of the REST endpoints ({@code camel.rest.json-data-format = ggk-json}): a request body becomes the
 * record its verb declares as {@code type}, an answer is written as JSON like Camel's Jackson binding does. Reading
 * never fails, so every wrong body is answered by the endpoint, in its own words, where it always was: a body that
 * is not a JSON object reads as no request ({@code null}); a field of the wrong JSON type (a number where text is
 * expected, text where true/false is) reads as absent ({@code null}), as the endpoints read them before; unknown
 * fields are ignored. (A failure here would escape the route's error handling: Camel's binding runs before it.)
 */
public final class RequestJson extends JacksonDataFormat {

    public RequestJson() {
        setUseDefaultObjectMapper(false);
        setObjectMapper(lenientMapper());
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) {
        return orNull(() -> super.unmarshal(exchange, stream));
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) {
        return orNull(() -> super.unmarshal(exchange, body));
    }

    private interface Reading {
        Object read() throws Exception;
    }

    /** What could not be read as the request is no request. */
    private static Object orNull(Reading reading) {
        try {
            return reading.read();
        } catch (Exception notARequest) {
            return null;
        }
    }

    static ObjectMapper lenientMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.AsNull)
                .setCoercion(CoercionInputShape.Float, CoercionAction.AsNull)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.AsNull);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.AsNull)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.AsNull)
                .setCoercion(CoercionInputShape.Float, CoercionAction.AsNull);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.AsNull)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.AsNull);
        mapper.addHandler(new AbsentWhenWrong());
        return mapper;
    }

    /** A value of the wrong shape (an array for text, an object for a list, "abc" for a number) reads as absent. */
    private static final class AbsentWhenWrong extends DeserializationProblemHandler {

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                                            JsonParser p, String failureMsg) throws IOException {
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                             String failureMsg) {
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                             String failureMsg) {
            return null;
        }
    }
}
