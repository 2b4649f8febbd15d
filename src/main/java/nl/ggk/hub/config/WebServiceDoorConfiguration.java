package nl.ggk.hub.config;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.http.DoorRules;
import nl.ggk.hub.http.HttpDoorGuard;
import nl.ggk.hub.http.HttpDoorPolicy;
import nl.ggk.hub.http.HttpUploads;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.tls.MachineCallers;
import nl.ggk.hub.web.Problems;
import nl.ggk.hub.ws.ReceivedMessages;
import nl.ggk.hub.ws.SoapCodec;
import nl.ggk.hub.ws.WsDispatcher;
import nl.ggk.hub.ws.WsDoor;
import nl.ggk.hub.ws.WsEndpoint;
import nl.ggk.hub.ws.WsRequests;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * The door and the requests of /ws/ggk0210 over the codec and the duplicate store of {@link WebServiceConfiguration}:
 * a class of its own, so that no bean of a class needs another bean of that class that needs one too (Camel's order
 * among those is the JVM's reflection order; ConfigurationOrderTest).
 */
public class WebServiceDoorConfiguration implements CamelConfiguration {

    @BindToRegistry
    public WsRequests wsRequests(OrganisationRegistry organisations, ReceivedMessages received, AnswerWriter answers,
                                 ErrorCodes codes, DataRoot dataRoot, SoapCodec codec, HttpUploads uploads,
                                 @PropertyInject(value = "ggk.ws.chain-callers", separator = ",")
                                 List<String> chainCallers) {
        WsDispatcher dispatcher = new WsDispatcher(organisations, received, answers, codes,
                chainCallers.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                Clock.systemUTC());
        return new WsRequests(new WsEndpoint(codec, dispatcher, dataRoot.resolve("work")), uploads);
    }

    /** The checks of the door of /ws/ggk0210 and its SOAP answer to a refusal; the route asks it for the caller. */
    @BindToRegistry
    public WsDoor wsDoor(OrganisationRegistry organisations, SoapCodec codec, ErrorCodes codes, AnswerWriter answers,
                         MachineCallers callers) {
        return new WsDoor(organisations, callers.demoKeysAccepted(), codec, codes, answers, Clock.systemUTC(),
                callers.ws());
    }

    /** The door of POST /ws/ggk0210 (route ws-ggk0210: {@code routePolicy: wsDoorPolicy}). */
    @BindToRegistry
    public HttpDoorPolicy wsDoorPolicy(WsDoor door, HttpUploads uploads, Problems problems,
                                       @PropertyInject(value = "ggk.ws.door.max-bytes", defaultValue = "26279936") long maxBytes,
                                       @PropertyInject("camel.server.port") int port) {
        DoorRules rules = new DoorRules(maxBytes, WsDoor.MEDIA_TYPES, false, 1, door, door);
        return new HttpDoorPolicy(new HttpDoorGuard(rules, uploads, problems), "/ws/ggk0210", port);
    }

}
