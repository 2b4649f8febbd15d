package nl.ggk.hub.config;

import java.time.Clock;
import javax.sql.DataSource;
import nl.ggk.hub.classify.Classifier;
import nl.ggk.hub.classify.MessageTypes;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.gmsd.GmsdFileName;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.GmsdValidator;
import nl.ggk.hub.gmsd.TechnicalCheck;
import nl.ggk.hub.gmsd.ValidationSettings;
import nl.ggk.hub.mirror.InstantMirror;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.Fo01Service;
import nl.ggk.hub.outbox.InboxRefusals;
import nl.ggk.hub.outbox.Quarantine;
import nl.ggk.hub.gmsd.FeedbackReport;
import nl.ggk.hub.split.DeliverySplitter;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Fo01Writer;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.track.GmsdReplacement;
import nl.ggk.hub.zip.ZipLimits;
import nl.ggk.hub.zip.ZipSplitter;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** What decides about an entry: split and classification, the GMSD technical check, Fo01 and quarantine. */
public class ChecksConfiguration implements CamelConfiguration {

    @BindToRegistry
    public DeliverySplitter deliverySplitter(ContentStore store, MessageTypes messageTypes,
                                             OrganisationRegistry organisations, GmsdSpecifications gmsd,
                                             DataRoot dataRoot,
                                             @PropertyInject("ggk.zip.max-entries") int maxEntries,
                                             @PropertyInject("ggk.zip.max-entry-bytes") long maxEntryBytes,
                                             @PropertyInject("ggk.zip.max-total-uncompressed-bytes") long maxTotal,
                                             @PropertyInject("ggk.zip.max-compression-ratio") int maxRatio,
                                             @PropertyInject("ggk.outbound.batch-size") int batchSize) {
        ZipLimits limits = new ZipLimits(maxEntries, maxEntryBytes, maxTotal, maxRatio);
        Classifier classifier = new Classifier(messageTypes, organisations,
                name -> gmsd.recognise(name).isPresent(), name -> gmsd.recognise(name).map(GmsdFileName::gemeentecode));
        return new DeliverySplitter(store, new ZipSplitter(limits), classifier, dataRoot.resolve("work"),
                limits.maxEntryBytes(), batchSize);
    }

    @BindToRegistry
    public TechnicalCheck technicalCheck(GmsdSpecifications gmsd, OrganisationRegistry organisations,
                                         ContentStore store, DataSource dataSource, InstantMirror mirror,
                                         @PropertyInject("ggk.gmsd.policy") String policy,
                                         @PropertyInject("ggk.gmsd.examples-per-rule") int examplesPerRule,
                                         @PropertyInject("ggk.gmsd.max-line-length") int maxLineLength,
                                         @PropertyInject("ggk.gmsd.max-violations-listed") int maxViolationsListed,
                                         @PropertyInject("ggk.gmsd.windows1252-accepted") boolean windows1252) {
        GmsdValidator validator = new GmsdValidator(gmsd, organisations,
                new ValidationSettings(examplesPerRule, maxLineLength, maxViolationsListed, windows1252));
        return new TechnicalCheck(validator, new FeedbackReport(), store, organisations,
                TechnicalCheck.Policy.of(policy), new GmsdReplacement(dataSource)::latest, mirror);
    }

    @BindToRegistry
    public Fo01Service fo01Service(ContentStore store, ErrorCodes codes, StufSettings stuf) {
        return new Fo01Service(store, codes, new Fo01Writer(stuf));
    }

    /** The Fo01 of a file refused at the inbox door, for its organisation's outbox (folder-errors). */
    @BindToRegistry
    public InboxRefusals inboxRefusals(ErrorCodes codes, StufSettings stuf, OrganisationRegistry registry) {
        return new InboxRefusals(codes, new Fo01Writer(stuf), registry);
    }

    @BindToRegistry
    public Quarantine quarantine(ContentStore store, ErrorCodes codes) {
        return new Quarantine(store, codes, Clock.systemUTC());
    }
}
