package nl.ggk.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import nl.ggk.hub.cbs.CbsForwarding;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.cbs.CbsReturns;
import nl.ggk.hub.cbs.simulator.CbsSimulator;
import nl.ggk.hub.cbs.simulator.ReferenceFigures;
import nl.ggk.hub.cbs.simulator.SimulatorCallbacks;
import nl.ggk.hub.cbs.simulator.SimulatorCheck;
import nl.ggk.hub.cbs.simulator.SimulatorReports;
import nl.ggk.hub.cbs.simulator.SimulatorHttp;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.GmsdValidator;
import nl.ggk.hub.gmsd.ValidationSettings;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.cbs.Terugmeldingen;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;
import nl.ggk.hub.ws.SoapCodec;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.ResourceHelper;

/** The CBS chain: forwarding validated GMSD files to RINIS/CBS, and the CBS simulator of the embedded default. */
public class CbsConfiguration implements CamelConfiguration {

    @BindToRegistry
    public CbsMessages cbsMessages(DataSource dataSource) {
        return new CbsMessages(dataSource, Clock.systemUTC());
    }

    /** A terugmelding (Terugmeldingen knows which spiegelrapport it answers) goes to CBS as a Du01. */
    @BindToRegistry
    public CbsForwarding cbsForwarding(CbsMessages messages, ContentStore store, StufSettings stuf,
                                       OrganisationRegistry organisations, DataRoot dataRoot,
                                       Terugmeldingen terugmeldingen,
                                       @PropertyInject("ggk.cbs.applicatie") String applicatie,
                                       @PropertyInject("ggk.cbs.max-envelope-bytes") long maxEnvelopeBytes,
                                       @PropertyInject("ggk.cbs.retry.initial-delay-ms") long initialDelayMs,
                                       @PropertyInject("ggk.cbs.retry.max-delay-ms") long maxDelayMs,
                                       @PropertyInject("ggk.cbs.retry.give-up-after-ms") long giveUpAfterMs) {
        return new CbsForwarding(messages, store, new EnvelopeWriter(stuf), stuf, organisations, applicatie,
                dataRoot.resolve("work"), maxEnvelopeBytes, Duration.ofMillis(initialDelayMs),
                Duration.ofMillis(maxDelayMs), Duration.ofMillis(giveUpAfterMs), Clock.systemUTC(),
                terugmeldingen::crossRefnummer);
    }

    @BindToRegistry
    public CbsReturns cbsReturns(ContentStore store, CbsMessages messages, OrganisationRegistry organisations,
                                 @PropertyInject("ggk.cbs.max-envelope-bytes") long maxBytes) {
        return new CbsReturns(store, messages, organisations, maxBytes);
    }

    /**
     * Bound also when the simulator is off (its routes then do not start): it holds no resources. Its technical check
     * reuses the hub's GMSD specification files; its reports read the synthetic reference figures.
     */
    @BindToRegistry
    public SimulatorHttp cbsSimulator(CamelContext context, ErrorCodes codes, GmsdSpecifications gmsd,
                                      OrganisationRegistry organisations, StufSettings stuf, DataRoot dataRoot,
                                      @PropertyInject("ggk.cbs.simulator.reference-figures") String figuresLocation,
                                      @PropertyInject("ggk.cbs.simulator.retry-delay-ms") long retryDelayMs,
                                      @PropertyInject("ggk.cbs.simulator.give-up-after-ms") long giveUpAfterMs,
                                      @PropertyInject("ggk.cbs.simulator.hub-endpoint") String hubEndpoints)
            throws IOException {
        CbsSimulator simulator = new CbsSimulator("CBS-simulator", Clock.systemUTC());
        StufSettings d = StufSettings.defaults();
        AnswerWriter cbsAnswers = new AnswerWriter(new StufSettings("CBS", "CBS-simulator", d.portaalApplicatie(),
                d.functieCbs(), d.ontvangerCbs(), d.applicatieVersie(), d.applicatieSubversie(), d.functieVersie(),
                d.functieSubversie()));
        SoapCodec codec = new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(), cbsAnswers,
                SoapCodec.DEFAULT_MAX_BYTES);
        ReferenceFigures figures;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context,
                ConfigFiles.fromEnvironment().resolve(figuresLocation))) {
            figures = ReferenceFigures.load(in);
        }
        SimulatorCheck check = new SimulatorCheck(new GmsdValidator(gmsd, organisations, ValidationSettings.DEFAULTS));
        SimulatorCallbacks callbacks = new SimulatorCallbacks(new EnvelopeWriter(stuf), new SimulatorReports(figures),
                organisations, StufSysteem.of("CBS", "CBS-simulator"), Duration.ofMillis(retryDelayMs),
                Duration.ofMinutes(1), Duration.ofMillis(giveUpAfterMs), Clock.systemUTC(),
                java.util.Arrays.stream(hubEndpoints.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList());
        return new SimulatorHttp(simulator, codec, codes, cbsAnswers, check, callbacks,
                dataRoot.resolve("work").resolve("cbs-simulator"));
    }

    @BindToRegistry
    public SimulatorCallbacks cbsSimulatorCallbacks(SimulatorHttp simulator) {
        return simulator.callbacks();
    }
}
