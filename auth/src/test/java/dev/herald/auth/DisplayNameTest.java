package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

    @Test
    void loneSurrogatesAndNulBecomeReplacementCharactersAndPairsStay() {
        // A token's JSON may hold "\\ud800" escapes, which decode to lone surrogates.
        assertThat(DisplayName.storable("A\u0000B\ud800C\udc00D\uD83D\uDE00"))
                .isEqualTo("A\uFFFDB\uFFFDC\uFFFDD\uD83D\uDE00");
        assertThat(DisplayName.storable("\udc00\ud800")).isEqualTo("\uFFFD\uFFFD");
        assertThat(DisplayName.storable("ends high \ud83d")).isEqualTo("ends high \uFFFD");
    }

    @Test
    void aNameIsCutAfter1024CodePoints() {
        assertThat(DisplayName.storable("x".repeat(1025))).isEqualTo("x".repeat(1024));
        assertThat(DisplayName.storable("x".repeat(1024))).isEqualTo("x".repeat(1024));
    }
}
