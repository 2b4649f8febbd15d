package nl.ggk.hub.tls;

import nl.ggk.hub.web.WhenRoutesStart;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.impl.SSLHelper;
import io.vertx.core.net.impl.TCPServerBase;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.EventNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the HTTPS server of the API port ask every client for a certificate (TLS CertificateRequest, "want", not
 * "need": a browser on the portal need not have one), checked against the truststore; the doors decide who must have
 * one ({@link ClientAuthMode}). A certificate that is presented but not trusted (another CA, expired) ends the
 * handshake.
 *
 * <p>An adapter around a gap: Camel 4.18 starts the Vert.x server with TLS from {@code camel.ssl.*}
 * ({@code camel.server.useGlobalSslContextParameters}) but passes neither {@code camel.ssl.clientAuthentication} nor
 * a truststore's client-auth setting to Vert.x, whose {@code HttpServerOptions.clientAuth} is fixed when the server is
 * created and which has no public way to change it later (Vert.x 4.5). So, once the server listens and before the
 * routes start, this sets the client-auth of the server's TLS helper and reloads its TLS context with the keystore and
 * truststore ({@code HttpServer.updateSSLOptions}). The hub does not start if that fails
 * ({@link #checkInstalled()}); the two-way TLS test proves each Vert.x upgrade still does it.
 */
public final class ClientCertificateRequest {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateRequest.class);

    private final boolean wanted;
    private final int port;
    private final String keystore;
    private final String keystorePassword;
    private final String truststore;
    private final String truststorePassword;
    private volatile boolean installed;
    private volatile RuntimeException failure;

    /** @param wanted whether a door takes client certificates; if not, this does nothing */
    public ClientCertificateRequest(boolean wanted, int port, String keystore, String keystorePassword,
                                    String truststore, String truststorePassword) {
        if (wanted && (truststore == null || truststore.isBlank())) {
            throw new IllegalArgumentException("a door takes client certificates: set ggk.tls.truststore "
                    + "(GGK_TLS_TRUSTSTORE), the PKCS#12 file of the CAs whose client certificates the hub trusts");
        }
        this.wanted = wanted;
        this.port = port;
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    public boolean wanted() {
        return wanted;
    }

    /** Asks for client certificates once the server listens, just before the routes start. */
    public EventNotifier installer() {
        return WhenRoutesStart.run(this::install);
    }

    synchronized void install(CamelContext context) {
        if (installed) {
            return;
        }
        try {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(port));
            if (router == null) {
                router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
            }
            if (router == null || router.getServer() == null || router.getServer().getServer() == null) {
                throw new IllegalStateException("no platform-http server on port " + port);
            }
            HttpServer server = router.getServer().getServer();
            requestClientCertificates(server);
            SSLOptions options = new SSLOptions()
                    .setKeyCertOptions(new PfxOptions().setPath(keystore).setPassword(keystorePassword))
                    .setTrustOptions(new PfxOptions().setPath(truststore).setPassword(truststorePassword));
            server.updateSSLOptions(options, true).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            installed = true;
            LOG.info("API port {}: TLS asks for client certificates (trusted CAs from the truststore)", port);
        } catch (Exception e) {
            failure = new IllegalStateException("cannot make the API port ask for client certificates: " + e, e);
            LOG.error(failure.getMessage());
        }
    }

    /** Refuses to let the hub run without asking for client certificates: an event notifier's failure is only logged. */
    public void checkInstalled() {
        if (!installed) {
            throw failure != null ? failure : new IllegalStateException("the API port does not ask for client "
                    + "certificates (is ggk.tls.enabled true?)");
        }
    }

    private static void requestClientCertificates(HttpServer server) throws ReflectiveOperationException {
        if (!(server instanceof TCPServerBase base)) {
            throw new IllegalStateException("unexpected Vert.x server " + server.getClass().getName());
        }
        Field actual = TCPServerBase.class.getDeclaredField("actualServer");
        actual.setAccessible(true);
        TCPServerBase listening = actual.get(base) == null ? base : (TCPServerBase) actual.get(base);
        Field helperField = TCPServerBase.class.getDeclaredField("sslHelper");
        helperField.setAccessible(true);
        SSLHelper helper = (SSLHelper) helperField.get(listening);
        if (helper == null) {
            throw new IllegalStateException("the API server does not speak TLS (camel.server.useGlobalSslContextParameters)");
        }
        Field clientAuth = SSLHelper.class.getDeclaredField("clientAuth");
        clientAuth.setAccessible(true);
        clientAuth.set(helper, ClientAuth.REQUEST);
    }
}
