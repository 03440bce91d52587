package dev.herald.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {

    @TempDir
    Path tempDir;

    @Test
    void secondLoadReusesTheStoredKey() {
        final Path dir = tempDir.resolve("idp");

        final DevKeys first = DevKeys.loadOrCreate(dir);
        final DevKeys second = DevKeys.loadOrCreate(dir);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void keyFilesAreOwnerOnly() throws Exception {
        final Path dir = tempDir.resolve("idp");

        DevKeys.loadOrCreate(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("signing-key.pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("signing-key.pem", "signing-key.pub.pem");
        }
    }

    @Test
    void tokenSignedAfterOneLoadVerifiesAgainstTheOther() {
        final Path dir = tempDir.resolve("idp");
        final String token = new DevTokenIssuer(DevKeys.loadOrCreate(dir), "herald-dev", "herald", Clock.systemUTC())
                .issue("u-1", "Alice", false, Duration.ofMinutes(5));

        final DevKeys reloaded = DevKeys.loadOrCreate(dir);
        assertThat(JWT.require(Algorithm.RSA256(reloaded.publicKey(), null)).build().verify(token).getSubject())
                .isEqualTo("u-1");
    }

    @Test
    void concurrentFirstLoadsAgreeOnOneKey() throws Exception {
        final Path dir = tempDir.resolve("idp");
        final Callable<String> load = () -> DevKeys.loadOrCreate(dir).keyId();
        final List<String> keyIds;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            final List<Future<String>> futures = pool.invokeAll(IntStream.range(0, 4).mapToObj(i -> load).toList());
            keyIds = futures.stream().map(DevKeysTest::get).toList();
        }

        assertThat(keyIds).containsOnly(DevKeys.loadOrCreate(dir).keyId());
    }

    @Test
    void unreadableKeyFileFailsLoudly() throws Exception {
        final Path dir = Files.createDirectories(tempDir.resolve("idp"));
        Files.writeString(dir.resolve("signing-key.pem"), "not a key");

        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(() -> DevKeys.loadOrCreate(dir))
                .withMessageContaining(dir.toString());
    }

    @Test
    void generatedKeysAreFreshRsa2048WithAThumbprintKid() {
        final DevKeys one = DevKeys.generate();
        final DevKeys other = DevKeys.generate();

        assertThat(one.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(one.keyId()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other.keyId());
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
