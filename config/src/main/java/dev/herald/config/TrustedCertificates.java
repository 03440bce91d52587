package dev.herald.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities a TLS peer must chain to, read from a PEM file (one or more {@code BEGIN CERTIFICATE}
 * blocks) whose path a variable names, e.g. {@code HERALD_GRPC_TLS_CA}. Checked when the configuration is read,
 * so a missing or unreadable file stops the service at startup (exit 2), not at the first handshake.
 */
public record TrustedCertificates(List<X509Certificate> certificates) {

    public TrustedCertificates {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("certificates: empty (expected: at least one)");
        }
    }

    /** The certificates in the file {@code variable} names, or empty when it is not set. */
    public static Optional<TrustedCertificates> read(Env env, String variable) {
        return PemFile.read(env, variable).map(file -> new TrustedCertificates(certificates(file)));
    }

    /** Trust managers that accept exactly the chains ending at one of these certificates. */
    public TrustManager[] trustManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            // An in-memory store of parsed certificates: nothing here depends on the input.
            throw new IllegalStateException("the JDK cannot build a trust store", e);
        }
    }

    @Override
    public String toString() {
        return "TrustedCertificates" + certificates.stream()
                .map(certificate -> certificate.getSubjectX500Principal().getName()).toList();
    }

    /** Every certificate of a PEM file, in order; none is a configuration error. */
    static List<X509Certificate> certificates(PemFile file) {
        String expected = "a PEM file of X.509 certificates (BEGIN CERTIFICATE)";
        try {
            List<X509Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(file.text().getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
            if (parsed.isEmpty()) {
                throw file.invalid(expected);
            }
            return parsed;
        } catch (CertificateException e) {
            throw file.invalid(expected);
        }
    }
}
