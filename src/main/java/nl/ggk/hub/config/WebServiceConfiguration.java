package nl.ggk.hub.config;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.ws.ReceivedMessages;
import nl.ggk.hub.ws.SoapCodec;
import nl.ggk.hub.ws.WsDispatcher;
import nl.ggk.hub.ws.WsEndpoint;
import nl.ggk.hub.ws.WsRequests;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The StUF-GGk 0210 web service /ws/ggk0210: reading, the StUF rules, the duplicate store, the answers. */
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
    public WsRequests wsRequests(OrganisationRegistry organisations, ReceivedMessages received, AnswerWriter answers,
                                 ErrorCodes codes, DataRoot dataRoot,
                                 @PropertyInject("ggk.ws.max-bytes") long maxBytes,
                                 @PropertyInject(value = "ggk.ws.chain-callers", separator = ",")
                                 List<String> chainCallers) {
        SoapCodec codec = new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(), answers,
                maxBytes);
        WsDispatcher dispatcher = new WsDispatcher(organisations, received, answers, codes,
                chainCallers.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                Clock.systemUTC());
        return new WsRequests(new WsEndpoint(codec, dispatcher, dataRoot.resolve("work")));
    }
}
