package nl.ggk.hub.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.ggk.hub.web.Problems;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.http.AllowedMethods;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.ws.ReceivedMessages;
import nl.ggk.hub.ws.SoapCodec;
import nl.ggk.hub.ws.WsChain;
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

    /** The web service's claims of (zender, referentienummer); a claim a crash left is taken over after the setting. */
    @BindToRegistry
    public ReceivedMessages receivedMessages(DataSource dataSource, AnswerWriter answers,
            @PropertyInject(value = "ggk.ws.claim-stale-after-ms", defaultValue = "600000") long staleAfterMs) {
        return new ReceivedMessages(dataSource, answers, Duration.ofMillis(staleAfterMs),
                Clock.systemUTC());
    }

    @BindToRegistry
    public SoapCodec soapCodec(AnswerWriter answers, @PropertyInject("ggk.ws.max-bytes") long maxBytes,
                               @PropertyInject(value = "ggk.ws.max-depth", defaultValue = "100") int maxDepth) {
        return new SoapCodec(StufSchema.load(), new EnvelopeReader(maxDepth), new StufBerichtReader(maxDepth), answers,
                maxBytes, maxDepth);
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

    /** 405 with Allow: POST for any other method on /ws/ggk0210. */
    @BindToRegistry
    public AllowedMethods wsMethods(Problems problems, @PropertyInject("camel.server.port") int port) {
        return new AllowedMethods("/ws/", Map.of("/ws/ggk0210/?", List.of("POST")), problems, port);
    }
}
