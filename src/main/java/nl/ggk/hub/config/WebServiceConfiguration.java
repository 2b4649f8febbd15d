package nl.ggk.hub.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.ggk.hub.web.Problems;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.http.AllowedMethods;
import nl.ggk.hub.http.DoorRules;
import nl.ggk.hub.http.HttpDoorGuard;
import nl.ggk.hub.http.HttpDoorPolicy;
import nl.ggk.hub.http.HttpUploads;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.tls.MachineCallers;
import nl.ggk.hub.ws.ReceivedMessages;
import nl.ggk.hub.ws.SoapCodec;
import nl.ggk.hub.ws.WsChain;
import nl.ggk.hub.ws.WsDispatcher;
import nl.ggk.hub.ws.WsDoor;
import nl.ggk.hub.ws.WsEndpoint;
import nl.ggk.hub.ws.WsRequests;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * The StUF-GGk 0210 web service /ws/ggk0210: its door (before the body is read), reading, the StUF rules, the
 * duplicate store, the answers.
 */
public class WebServiceConfiguration implements CamelConfiguration {

    @BindToRegistry
    public AnswerWriter answerWriter(StufSettings stuf) {
        return new AnswerWriter(stuf);
    }

    @BindToRegistry
    public ReceivedMessages receivedMessages(DataSource dataSource, AnswerWriter answers) {
        return new ReceivedMessages(dataSource, answers);
    }

    @BindToRegistry
    public SoapCodec soapCodec(AnswerWriter answers, @PropertyInject("ggk.ws.max-bytes") long maxBytes,
                               @PropertyInject(value = "ggk.ws.max-depth", defaultValue = "100") int maxDepth) {
        return new SoapCodec(StufSchema.load(), new EnvelopeReader(maxDepth), new StufBerichtReader(maxDepth), answers,
                maxBytes, maxDepth);
    }

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

    /**
     * Fo01s from the chain side and care providers' messages to a gemeente (routes ws-ggk0210, ws-chain). Its own
     * {@link CbsMessages} on the shared table: CbsConfiguration's beans are bound after this configuration's.
     */
    @BindToRegistry
    public WsChain wsChain(ContentStore store, DataSource dataSource, OrganisationRegistry organisations,
                           StufSettings stuf, ErrorCodes codes, @PropertyInject("ggk.ws.max-bytes") long maxBytes) {
        return new WsChain(store, new CbsMessages(dataSource, Clock.systemUTC()), organisations, new Fo01Writer(stuf),
                codes, maxBytes);
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

    /** 405 with Allow: POST for any other method on /ws/ggk0210. */
    @BindToRegistry
    public AllowedMethods wsMethods(Problems problems, @PropertyInject("camel.server.port") int port) {
        return new AllowedMethods("/ws/", Map.of("/ws/ggk0210/?", List.of("POST")), problems, port);
    }
}
