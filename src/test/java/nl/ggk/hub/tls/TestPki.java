package nl.ggk.hub.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A certificate authority made at run time for the two-way TLS tests (BouncyCastle's ASN.1 classes, EC P-256): the
 * hub's server certificate for 127.0.0.1 and PKIoverheid-like client certificates with an OIN in the subject
 * serialNumber; PKCS#12 key- and truststores on disk for the hub, SSL contexts for the clients.
 */
public final class TestPki {

    public static final char[] PASSWORD = "test-secret".toCharArray();
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    /** A key pair and its certificate (chain: the certificate, then its issuer's, if any). */
    public record Issued(KeyPair keys, X509Certificate[] chain) {
        public X509Certificate certificate() {
            return chain[0];
        }
    }

    private final Issued ca;

    public TestPki(String name) {
        KeyPair keys = keyPair();
        this.ca = new Issued(keys, new X509Certificate[] {
            certificate("CN=" + name + ", O=GGK test, C=NL", keys, new X500Name("CN=" + name + ", O=GGK test, C=NL"), keys.getPrivate(),
                    Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), Use.CA)});
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The server certificate for 127.0.0.1. */
    public Issued server() {
        KeyPair keys = keyPair();
        return new Issued(keys, new X509Certificate[] {certificate("CN=127.0.0.1, O=GGK hub test, C=NL", keys,
                caName(), ca.keys().getPrivate(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), Use.SERVER),
            ca.certificate()});
    }

    /** A client certificate of this CA with {@code oin} in its subject serialNumber, valid from-until. */
    public Issued client(String organisation, String oin, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        return new Issued(keys, new X509Certificate[] {certificate(subject(organisation, oin), keys,
                caName(), ca.keys().getPrivate(), notBefore, notAfter,
                Use.CLIENT), ca.certificate()});
    }

    public Issued client(String organisation, String oin) {
        return client(organisation, oin, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    /** A client certificate that signs itself, as one made with openssl by whoever wants in. */
    public static Issued selfSigned(String organisation, String oin) {
        KeyPair keys = keyPair();
        String subject = subject(organisation, oin);
        return new Issued(keys, new X509Certificate[] {certificate(subject, keys, new X500Name(subject), keys.getPrivate(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), Use.CLIENT)});
    }

    /** A PKCS#12 file holding {@code issued}'s key and chain. */
    public static Path keystore(Path file, Issued issued) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", issued.keys().getPrivate(), PASSWORD, issued.chain());
        return write(file, store);
    }

    /** A PKCS#12 file holding this CA's certificate as a trusted entry. */
    public Path truststore(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        return write(file, store);
    }

    /**
     * A client's TLS context: it trusts this CA for the server and presents {@code client} whatever CAs the server
     * names (a client whose certificate the server does not trust still sends it, as a misconfigured one does);
     * {@code client} null presents none.
     */
    public SSLContext clientContext(Issued client) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(client == null ? null : new javax.net.ssl.KeyManager[] {new Presenting(client)},
                trust.getTrustManagers(), new SecureRandom());
        return context;
    }

    private X500Name caName() {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static String subject(String organisation, String oin) {
        return "CN=" + organisation + " test, O=" + organisation + ", SERIALNUMBER=" + oin + ", C=NL";
    }

    private static Path write(Path file, KeyStore store) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private enum Use { CA, SERVER, CLIENT }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                               Instant notBefore, Instant notAfter, Use use) {
        try {
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.incrementAndGet())));
            tbs.setIssuer(issuer);
            tbs.setSubject(new X500Name(subject));
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            tbs.setSignature(ECDSA_SHA256);
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(use == Use.CA));
            switch (use) {
                case CA -> extensions.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                case SERVER -> {
                    extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    extensions.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    extensions.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
                }
                case CLIENT -> {
                    extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    extensions.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
            }
            tbs.setExtensions(extensions.generate());
            TBSCertificate body = tbs.generateTBSCertificate();
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(issuerKey);
            signature.update(body.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(body);
            certificate.add(ECDSA_SHA256);
            certificate.add(new DERBitString(signature.sign()));
            byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presents one key and chain to any server that asks. */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final Issued issued;

        Presenting(Issued issued) {
            this.issued = issued;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return issued.chain();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return issued.keys().getPrivate();
        }
    }
}
