package dev.herald.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for TLS tests: it issues server certificates for {@code 127.0.0.1} and
 * {@code localhost} and client certificates, and writes them as PEM files (an unencrypted PKCS#8 key beside each
 * certificate) into a directory the test owns, typically a JUnit {@code @TempDir}. Keys are EC P-256: quick to make.
 * Nothing it writes is ever committed.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path directory;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(Path directory, String name, KeyPair keys, X509Certificate certificate) {
        this.directory = directory;
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new authority named {@code name} whose files go into {@code directory}. */
    public static TestCertificates authority(Path directory, String name) {
        requireNonNull(directory, "directory");
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys, Duration.ofDays(1));
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCertificates(directory, name, keys, sign(builder, keys));
    }

    /** The authority's own certificate as a PEM file: what a peer trusts. */
    public Path caFile() {
        return write(name + "-ca.pem", pem("CERTIFICATE", encoded(certificate)));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server certificate for {@code 127.0.0.1}, {@code localhost} and {@code ::1}, valid for a day. */
    public Issued server(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, Duration.ofDays(1));
    }

    /** A client certificate, valid for a day. */
    public Issued client(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, Duration.ofDays(1));
    }

    /** A server certificate that expired an hour ago. */
    public Issued expiredServer(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, Duration.ofHours(-1));
    }

    /** A TLS context that trusts this authority only and presents no certificate (a client such as a browser). */
    public SSLContext trustingClientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trust managers that accept chains ending at this authority only. */
    public TrustManager[] trustManagers() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate);
            TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trusting.init(trust);
            return trusting.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String commonName, KeyPurposeId purpose, Duration validity) {
        KeyPair leafKeys = newKeys();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + commonName),
                leafKeys, validity);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        X509Certificate leaf = sign(builder, keys);
        String file = name + "-" + commonName;
        Path certificateFile = write(file + ".pem", pem("CERTIFICATE", encoded(leaf)));
        Path keyFile = write(file + "-key.pem", pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
        return new Issued(this, leaf, leafKeys, certificateFile, keyFile);
    }

    /** A certificate this authority issued, its keys, and the PEM files of both. */
    public record Issued(TestCertificates authority, X509Certificate certificate, KeyPair keys,
            Path certificateFile, Path keyFile) {

        /**
         * A key manager that presents this certificate whatever the server asks for. A well-behaved client sends
         * only a certificate from one of the CAs the server names, and none otherwise; an attacker sends its own.
         */
        public X509KeyManager alwaysPresenting() {
            X509Certificate[] chain = {certificate};
            return new X509ExtendedKeyManager() {
                @Override
                public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
                    return "identity";
                }

                @Override
                public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
                    return "identity";
                }

                @Override
                public X509Certificate[] getCertificateChain(String alias) {
                    return chain.clone();
                }

                @Override
                public PrivateKey getPrivateKey(String alias) {
                    return keys.getPrivate();
                }

                @Override
                public String[] getClientAliases(String keyType, Principal[] issuers) {
                    return new String[] {"identity"};
                }

                @Override
                public String[] getServerAliases(String keyType, Principal[] issuers) {
                    return new String[0];
                }

                @Override
                public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                    return null;
                }
            };
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys,
            Duration validity) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(validity);
        Instant notBefore = validity.isNegative() ? notAfter.minus(Duration.ofDays(1)) : now.minusSeconds(60);
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private Path write(String file, String text) {
        try {
            return Files.writeString(directory.resolve(file), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
