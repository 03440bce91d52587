package dev.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Text across Unicode for {@link AckedIsStoredPropertyIT}: short mixes of every kind of character, and lengths at a
 * limit, one below and one above. NUL and lone surrogates come rarely, so that most sends can be stored and both sides
 * of the property are tried.
 */
final class UnicodeArbitraries {

    private UnicodeArbitraries() {}

    /** Up to 30 characters of any kind, or exactly {@code limit} − 1, {@code limit} or {@code limit} + 1 of them. */
    static Arbitrary<String> codePoints(int limit) {
        Arbitrary<Integer> aroundLimit = Arbitraries.of(limit - 1, limit, limit + 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, text(anyCharacter(), 0, 30)),
                Tuple.of(3, aroundLimit.flatMap(length -> text(storableCharacter(), length, length))),
                Tuple.of(1, aroundLimit.flatMap(length -> text(anyCharacter(), length, length))));
    }

    /** A short body, a blank one, or one of {@code maxBytes} − 1, {@code maxBytes} or {@code maxBytes} + 1 UTF-8 bytes. */
    static Arbitrary<String> body(int maxBytes) {
        Arbitrary<String> aroundLimit = Arbitraries.of(maxBytes - 1, maxBytes, maxBytes + 1)
                .flatMap(UnicodeArbitraries::ofUtf8Bytes);
        return Arbitraries.frequencyOf(
                Tuple.of(6, text(anyCharacter(), 1, 30)),
                Tuple.of(3, aroundLimit),
                Tuple.of(1, Arbitraries.of("", " ", "\t\r\n", "\u2003\u3000", "\u00a0")));
    }

    /** Some characters, ASCII filler, and a last character (up to 4 bytes) that ends exactly at {@code bytes}. */
    private static Arbitrary<String> ofUtf8Bytes(int bytes) {
        return Combinators.combine(text(storableCharacter(), 0, 10), storableCharacter())
                .as((start, last) -> start + "x".repeat(bytes - utf8(start) - utf8(last)) + last);
    }

    private static Arbitrary<String> text(Arbitrary<String> character, int minLength, int maxLength) {
        return character.list().ofMinSize(minLength).ofMaxSize(maxLength).map(parts -> String.join("", parts));
    }

    /** One character (a code point; a lone surrogate counts as one) of any kind. */
    private static Arbitrary<String> anyCharacter() {
        return Arbitraries.frequencyOf(
                Tuple.of(60, storableCharacter()),
                Tuple.of(1, Arbitraries.just("\u0000")),
                Tuple.of(1, Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf)));
    }

    private static Arbitrary<String> storableCharacter() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                Tuple.of(6, Arbitraries.oneOf(Arbitraries.chars().range('\u0001', '\u001f'),
                        Arbitraries.chars().range('\u007f', '\u009f')).map(String::valueOf)),
                Tuple.of(10, Arbitraries.chars().range('\u00a0', '\uffff').filter(c -> !Character.isSurrogate(c))
                        .map(String::valueOf)),
                Tuple.of(10, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)),
                // Right-to-left and left-to-right marks, embeddings, overrides and isolates.
                Tuple.of(5, Arbitraries.of("\u200f", "\u200e", "\u061c", "\u202b", "\u202e", "\u2067")));
    }

    private static int utf8(String text) {
        return text.getBytes(UTF_8).length;
    }
}
