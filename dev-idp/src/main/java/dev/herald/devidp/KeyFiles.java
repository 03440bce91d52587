package dev.herald.devidp;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The signing key pair on disk: {@value #PRIVATE_KEY} (PKCS#8 PEM) is the key; {@value #PUBLIC_KEY} (X.509 PEM)
 * is written next to it for tools such as openssl. The directory and both files are owner-only where the file
 * system has POSIX permissions. Creation is safe against concurrent processes: the first private key to land wins
 * and every process uses that one.
 */
final class KeyFiles {

    static final String PRIVATE_KEY = "signing-key.pem";
    static final String PUBLIC_KEY = "signing-key.pub.pem";

    private final Path dir;

    KeyFiles(Path dir) {
        this.dir = dir;
    }

    /** The stored key pair, if any. */
    Optional<DevKeys> load() throws IOException {
        final Path privateFile = dir.resolve(PRIVATE_KEY);
        if (!Files.exists(privateFile)) {
            return Optional.empty();
        }
        final RSAPrivateCrtKey privateKey = readPrivateKey(privateFile);
        final DevKeys keys = new DevKeys(publicKeyOf(privateKey), privateKey);
        if (!Files.exists(dir.resolve(PUBLIC_KEY))) {
            writePublicKey(keys);
        }
        return Optional.of(keys);
    }

    /** Stores {@code created} unless another process stored a key first; returns the key that is stored. */
    DevKeys storeIfAbsent(DevKeys created) throws IOException {
        if (!Files.isDirectory(dir)) {
            // Only the key directory is owner-only; parents such as .data are shared with other tools.
            final Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, ownerOnly("rwx------"));
            } catch (FileAlreadyExistsException e) {
                // Another process made it first.
            }
        }
        final Path temp = Files.createTempFile(dir, ".signing-key", ".tmp", ownerOnly("rw-------"));
        try {
            Files.write(temp, pem("PRIVATE KEY", created.privateKey().getEncoded()));
            publish(temp, dir.resolve(PRIVATE_KEY));
        } catch (FileAlreadyExistsException e) {
            return load().orElseThrow(() -> e);
        } finally {
            Files.deleteIfExists(temp);
        }
        writePublicKey(created);
        return created;
    }

    /** Puts the fully written {@code temp} at {@code target}, failing if {@code target} exists. */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            // A hard link never replaces an existing file, unlike a rename.
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException e) {
            // No hard links here: a move without REPLACE_EXISTING also refuses to replace, with a tiny race window.
            Files.move(temp, target);
        }
    }

    private void writePublicKey(DevKeys keys) throws IOException {
        final Path temp = Files.createTempFile(dir, ".signing-key-pub", ".tmp", ownerOnly("rw-------"));
        try {
            Files.write(temp, pem("PUBLIC KEY", keys.publicKey().getEncoded()));
            // Same key, same bytes: if two processes race here, either rename leaves the right content.
            Files.move(temp, dir.resolve(PUBLIC_KEY), StandardCopyOption.REPLACE_EXISTING,
                       StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) throws IOException {
        final String text = Files.readString(file, US_ASCII);
        final String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            final KeyFactory rsa = KeyFactory.getInstance("RSA");
            final var key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (key instanceof RSAPrivateCrtKey crtKey) {
                return crtKey;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not a PKCS#8 PEM RSA private key", e);
        }
        throw new IOException(file + ": not a PKCS#8 PEM RSA private key with CRT parameters");
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) throws IOException {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the public key", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        final String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(US_ASCII);
    }

    private FileAttribute<?>[] ownerOnly(String permissions) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
