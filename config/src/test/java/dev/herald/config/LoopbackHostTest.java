package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void loopback(String host) {
        assertThat(LoopbackHost.is(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "[::]", "10.0.0.1", "ms-1", "localhost.example.com", "127.0.0.1.nip.io"})
    void notLoopback(String host) {
        assertThat(LoopbackHost.is(host)).isFalse();
    }
}
