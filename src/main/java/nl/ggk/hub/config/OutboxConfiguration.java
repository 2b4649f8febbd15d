package nl.ggk.hub.config;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.foutrapportage.Foutrapport;
import nl.ggk.hub.foutrapportage.Foutrapportage;
import nl.ggk.hub.optin.OptinApi;
import nl.ggk.hub.optin.OptinFormat;
import nl.ggk.hub.optin.OptinStore;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxApi;
import nl.ggk.hub.outbox.OutboxItems;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.cbs.TerugmeldingStore;
import nl.ggk.hub.cbs.Terugmeldingen;
import nl.ggk.hub.store.ContentStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * The outbox (what the outbox route records, the outbox API on it, the foutrapportage from it) and the opt-in
 * decisions, which travel to CBS like deliveries.
 */
public class OutboxConfiguration implements CamelConfiguration {

    @BindToRegistry
    public OutboxStore outboxStore(DataSource dataSource) {
        return new OutboxStore(dataSource, Clock.systemUTC());
    }

    @BindToRegistry
    public OutboxItems outboxItems() {
        return new OutboxItems();
    }

    @BindToRegistry
    public OutboxApi outboxApi(OutboxStore store, OrganisationRegistry organisations, DataRoot dataRoot) {
        return new OutboxApi(store, organisations, dataRoot.resolve("outbox").toAbsolutePath().normalize());
    }

    @BindToRegistry
    public Foutrapportage foutrapportage(OutboxStore store, OrganisationRegistry organisations,
                                         @PropertyInject(value = "ggk.foutrapportage.monthly-formats", separator = ",")
                                         List<String> formats) {
        ZoneId netherlands = ZoneId.of("Europe/Amsterdam");
        LinkedHashSet<String> monthly = new LinkedHashSet<>();
        for (String format : formats) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("pdf") && !f.equals("csv")) {
                throw new IllegalArgumentException("ggk.foutrapportage.monthly-formats: pdf and/or csv, not " + format);
            }
            monthly.add(f);
        }
        return new Foutrapportage(store, organisations, new Foutrapport(netherlands), netherlands, Clock.systemUTC(),
                monthly);
    }

    @BindToRegistry
    public Terugmeldingen terugmeldingen(OutboxStore outbox, DataSource dataSource, ContentStore store, OrganisationRegistry organisations,
                                         @PropertyInject("ggk.terugmelding.functie") String functie,
                                         @PropertyInject("ggk.terugmelding.max-text-chars") int maxTextChars,
                                         @PropertyInject("ggk.terugmelding.max-attachment-bytes")
                                         long maxAttachmentBytes) {
        // CbsMessages is plain JDBC on cbs_message: its own instance here (CbsConfiguration is added after this class)
        return new Terugmeldingen(outbox, new TerugmeldingStore(dataSource),
                new CbsMessages(dataSource, Clock.systemUTC()), store, organisations, functie,
                maxTextChars, maxAttachmentBytes, Clock.systemUTC());
    }

    @BindToRegistry
    public OptinFormat optinFormat(ContentStore store, @PropertyInject("ggk.optin.format") String format) {
        return new OptinFormat(OptinFormat.parse(format), store);
    }

    @BindToRegistry
    public OptinApi optinApi(DataSource dataSource, OrganisationRegistry organisations, OptinFormat format) {
        return new OptinApi(new OptinStore(dataSource), organisations, Clock.systemUTC(), format.format());
    }
}
