package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a TLS certificate and key pair named by two variables is refused when it cannot be used; every message names
 * the variable and the path. (Certificates that can be used are made by test-support's {@code TestCertificates},
 * which this module cannot depend on: the services' configuration tests read them.)
 */
class TlsIdentityTest {

    @TempDir
    Path directory;

    @Test
    void neitherSetIsNoIdentity() {
        assertThat(TlsIdentity.read(Env.of(Map.of()), "CERT", "KEY")).isEmpty();
    }

    @Test
    void aKeyWithoutItsCertificateIsRefused() throws IOException {
        Path key = Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsIdentity.read(Env.of(Map.of("KEY", key.toString())), "CERT", "KEY"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CERT: not set (expected: set together with KEY)");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() throws IOException {
        Path cert = Files.writeString(directory.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");

        assertThatThrownBy(() -> TlsIdentity.read(Env.of(Map.of("CERT", cert.toString())), "CERT", "KEY"))
                .hasMessage("KEY: not set (expected: set together with CERT)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = directory.resolve("missing.pem");
        Env env = Env.of(Map.of("CERT", missing.toString(), "KEY", missing.toString()));

        assertThatThrownBy(() -> TlsIdentity.read(env, "CERT", "KEY"))
                .hasMessage("CERT: '" + missing + "' (expected: a readable PEM file; there is no such file)");
    }

    @Test
    void aDirectoryIsNotAReadableFile() {
        Env env = Env.of(Map.of("CERT", directory.toString(), "KEY", directory.toString()));

        assertThatThrownBy(() -> TlsIdentity.read(env, "CERT", "KEY"))
                .hasMessageStartingWith("CERT: '" + directory + "' (expected: a readable PEM file; cannot read it: ");
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws IOException {
        Path cert = Files.writeString(directory.resolve("cert.pem"), "not a certificate\n");
        Path key = Files.writeString(directory.resolve("key.pem"), "not a key\n");

        assertThatThrownBy(() -> TlsIdentity.read(Env.of(Map.of("CERT", cert.toString(), "KEY", key.toString())),
                "CERT", "KEY"))
                .hasMessage("CERT: '" + cert + "' (expected: a PEM file of X.509 certificates (BEGIN CERTIFICATE))");
    }

    @Test
    void aBrokenCertificateBlockIsRefused() throws IOException {
        Path cert = Files.writeString(directory.resolve("cert.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsIdentity.read(Env.of(Map.of("CERT", cert.toString(), "KEY", key.toString())),
                "CERT", "KEY"))
                .hasMessage("CERT: '" + cert + "' (expected: a PEM file of X.509 certificates (BEGIN CERTIFICATE))");
    }

    @Test
    void anEmptyPathIsRefused() {
        assertThatThrownBy(() -> TlsIdentity.read(Env.of(Map.of("CERT", " ", "KEY", "k")), "CERT", "KEY"))
                .hasMessage("CERT: '' (expected: a non-empty value)");
    }

    @Test
    void trustedCertificatesAreRefusedTheSameWay() throws IOException {
        Path ca = Files.writeString(directory.resolve("ca.pem"), "-----BEGIN RSA PRIVATE KEY-----\n");

        assertThat(TrustedCertificates.read(Env.of(Map.of()), "CA")).isEmpty();
        assertThatThrownBy(() -> TrustedCertificates.read(Env.of(Map.of("CA", ca.toString())), "CA"))
                .hasMessage("CA: '" + ca + "' (expected: a PEM file of X.509 certificates (BEGIN CERTIFICATE))");
    }
}
