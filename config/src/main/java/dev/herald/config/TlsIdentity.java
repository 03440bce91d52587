package dev.herald.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What a service shows a TLS peer: a certificate chain (leaf first) and its private key, from two PEM files whose
 * paths a pair of variables name, e.g. {@code HERALD_GRPC_TLS_CERT} and {@code HERALD_GRPC_TLS_KEY}. Both files are
 * read and checked when the configuration is read (set together, readable, the key an unencrypted PKCS#8 key that
 * belongs to the leaf, the leaf not expired), so a mistake stops the service at startup with one line, exit 2.
 * Errors name the variable and the path, never the key's content.
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {

    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final String EXPECTED_KEY =
            "an unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY; convert with openssl pkcs8 -topk8 -nocrypt)";
    /** Protects the in-memory key store only; it is never written anywhere. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    public TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the leaf certificate)");
        }
    }

    /**
     * The identity in the files {@code certVariable} and {@code keyVariable} name, or empty when neither is set.
     *
     * @throws ConfigException when only one is set, or a file cannot be used
     */
    public static Optional<TlsIdentity> read(Env env, String certVariable, String keyVariable) {
        Optional<PemFile> certFile = PemFile.read(env, certVariable);
        Optional<PemFile> keyFile = PemFile.read(env, keyVariable);
        if (certFile.isEmpty() && keyFile.isEmpty()) {
            return Optional.empty();
        }
        if (keyFile.isEmpty()) {
            throw new ConfigException(keyVariable + ": not set (expected: set together with " + certVariable + ")");
        }
        if (certFile.isEmpty()) {
            throw new ConfigException(certVariable + ": not set (expected: set together with " + keyVariable + ")");
        }
        List<X509Certificate> chain = TrustedCertificates.certificates(certFile.get());
        checkNotExpired(certFile.get(), chain.getFirst());
        PrivateKey key = privateKey(keyFile.get(), chain.getFirst().getPublicKey());
        if (!belongTogether(key, chain.getFirst().getPublicKey())) {
            throw keyFile.get().invalid("the private key of the first certificate in " + certVariable);
        }
        return Optional.of(new TlsIdentity(chain, key));
    }

    /** Key managers that present this chain. */
    public KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            // An in-memory store of a key already checked against its certificate.
            throw new IllegalStateException("the JDK cannot build a key store", e);
        }
    }

    /** A TLS context that presents this chain and trusts the JDK's default authorities (for a server). */
    public SSLContext serverContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    /** The leaf's subject and expiry, never the key. */
    @Override
    public String toString() {
        X509Certificate leaf = chain.getFirst();
        return "TlsIdentity[subject=" + leaf.getSubjectX500Principal().getName() + ", notAfter="
                + leaf.getNotAfter().toInstant() + "]";
    }

    private static void checkNotExpired(PemFile file, X509Certificate leaf) {
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw file.invalid("a certificate that has not expired; it expired at " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            // Issued with a clock a little ahead of ours: peers will judge it by theirs.
        }
    }

    private static PrivateKey privateKey(PemFile file, PublicKey certified) {
        Matcher pem = PKCS8.matcher(file.text());
        if (!pem.find()) {
            throw file.invalid(EXPECTED_KEY);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
            return KeyFactory.getInstance(certified.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Not base64, not PKCS#8, or a key of another algorithm than the certificate's.
            throw file.invalid(EXPECTED_KEY + " of the certificate's algorithm (" + certified.getAlgorithm() + ")");
        }
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        String algorithm = switch (certified.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // an unusual key type: the TLS handshake is the check
        }
        try {
            byte[] probe = "herald-tls-identity".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
