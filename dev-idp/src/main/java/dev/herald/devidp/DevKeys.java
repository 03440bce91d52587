package dev.herald.devidp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RSA-2048 signing key pair and its key id (the RFC 7638 thumbprint of the public key).
 * {@link #loadOrCreate(Path)} keeps one on disk so that tokens outlive a restart of the identity provider;
 * {@link #generate()} makes a throwaway one for tests.
 */
public final class DevKeys {

    private static final Logger logger = LoggerFactory.getLogger(DevKeys.class);
    private static final int KEY_SIZE = 2048;

    private final RSAPublicKey publicKey;
    private final RSAPrivateKey privateKey;
    private final String keyId;

    DevKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        this.publicKey = requireNonNull(publicKey, "publicKey");
        this.privateKey = requireNonNull(privateKey, "privateKey");
        this.keyId = RsaJwk.of(publicKey).kid();
    }

    /**
     * The key pair stored under {@code dir} ({@code signing-key.pem}, {@code signing-key.pub.pem}), created with
     * owner-only permissions on first use.
     *
     * @throws UncheckedIOException if the directory cannot be read or written, or holds an unreadable key
     */
    public static DevKeys loadOrCreate(Path dir) {
        requireNonNull(dir, "dir");
        final KeyFiles files = new KeyFiles(dir);
        try {
            final Optional<DevKeys> stored = files.load();
            if (stored.isPresent()) {
                return stored.get();
            }
            final DevKeys keys = files.storeIfAbsent(generate());
            logger.info("Development signing key {} is in {}", keys.keyId(), dir.toAbsolutePath());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load or create the development signing key in " + dir, e);
        }
    }

    /** A fresh key pair that lives in memory only. */
    public static DevKeys generate() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            final KeyPair pair = generator.generateKeyPair();
            return new DevKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is required of every JDK", e);
        }
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "DevKeys{keyId=" + keyId + '}';
    }
}
