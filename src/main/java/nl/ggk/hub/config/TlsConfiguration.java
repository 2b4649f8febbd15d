package nl.ggk.hub.config;

import nl.ggk.hub.tls.ClientAuthMode;
import nl.ggk.hub.tls.ClientCertificateRequest;
import nl.ggk.hub.tls.MachineCallers;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Two-way TLS on the API port (docs/operations.md "Two-way TLS"): Camel's HTTP server speaks HTTPS from
 * {@code ggk.tls.*} (application.properties maps them onto {@code camel.ssl.*}); when a door takes client
 * certificates ({@code ggk.tls.client-auth.ws}), the server asks for them. The doors decide who must have one.
 * Before {@link WebServiceDoorConfiguration}, whose door takes {@link MachineCallers}.
 */
public class TlsConfiguration implements CamelConfiguration {

    /** How the machine doors know their callers (the web service's door takes it). */
    @BindToRegistry
    public MachineCallers machineCallers(@PropertyInject("ggk.demo-keys-enabled") boolean demoKeys,
                                         @PropertyInject(value = "ggk.tls.client-auth.ws", defaultValue = "off")
                                         String ws) {
        return new MachineCallers(demoKeys, ClientAuthMode.of(ws));
    }

    /**
     * With HTTPS on the API port and a door that takes client certificates, the server asks for them (see
     * {@link #configure(CamelContext)}); otherwise it does nothing.
     */
    @BindToRegistry
    public ClientCertificateRequest clientCertificateRequest(
            @PropertyInject(value = "ggk.tls.enabled", defaultValue = "false") boolean tls,
            @PropertyInject(value = "ggk.tls.client-auth.ws", defaultValue = "off") String ws,
            @PropertyInject(value = "ggk.tls.keystore", defaultValue = "") String keystore,
            @PropertyInject(value = "ggk.tls.keystore-password", defaultValue = "") String keystorePassword,
            @PropertyInject(value = "ggk.tls.truststore", defaultValue = "") String truststore,
            @PropertyInject(value = "ggk.tls.truststore-password", defaultValue = "") String truststorePassword,
            @PropertyInject("camel.server.port") int port) {
        boolean wanted = ClientAuthMode.of(ws).certificates();
        if (wanted && !tls) {
            throw new IllegalArgumentException("ggk.tls.client-auth.ws=" + ws + " needs ggk.tls.enabled=true");
        }
        return new ClientCertificateRequest(wanted, port, keystore, keystorePassword, truststore, truststorePassword);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        ClientCertificateRequest request = context.getRegistry().lookupByNameAndType("clientCertificateRequest",
                ClientCertificateRequest.class);
        if (request.wanted()) {
            context.getManagementStrategy().addEventNotifier(request.installer());
            context.addStartupListener((started, alreadyStarted) -> request.checkInstalled());
        }
    }

}
