package nl.ggk.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import nl.ggk.hub.classify.MessageTypes;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.StufSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.ResourceHelper;

/** The data files in {@code config/}: organisations, error codes, message types, GMSD specifications, StUF values. */
public class ReferenceDataConfiguration implements CamelConfiguration {

    // config/ beside the hub (or GGK_CONFIG_DIR) wins over the packaged copy, file by file
    private final ConfigFiles configFiles = ConfigFiles.fromEnvironment();

    @BindToRegistry
    public OrganisationRegistry organisationRegistry(CamelContext context, DataRoot dataRoot,
                                                     @PropertyInject("ggk.organisations") String location)
            throws IOException {
        OrganisationRegistry registry;
        try (InputStream in = open(context, location)) {
            registry = OrganisationRegistry.load(in);
        }
        // so that a user sees where to drop
        InboxFolders.create(dataRoot.resolve("inbox"), registry.organisations());
        return registry;
    }

    @BindToRegistry
    public ErrorCodes errorCodes(CamelContext context, @PropertyInject("ggk.errors.table") String location,
                                 @PropertyInject(ErrorCodes.GENERATION_SETTING) String generation) throws IOException {
        try (InputStream in = open(context, location)) {
            return ErrorCodes.load(in, generation);
        }
    }

    @BindToRegistry
    public MessageTypes messageTypes(CamelContext context, @PropertyInject("ggk.message-types") String location)
            throws IOException {
        try (InputStream in = open(context, location)) {
            return MessageTypes.load(in);
        }
    }

    @BindToRegistry
    public GmsdSpecifications gmsdSpecifications(@PropertyInject(value = "ggk.gmsd.specs", separator = ",") List<String> locations) {
        return GmsdSpecifications.load(locations.stream().map(String::trim).map(configFiles::resolve).toList());
    }

    @BindToRegistry
    public StufSettings stufSettings(CamelContext context) {
        return StufSettings.from(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
    }

    private InputStream open(CamelContext context, String location) throws IOException {
        return ResourceHelper.resolveMandatoryResourceAsInputStream(context, configFiles.resolve(location));
    }
}
