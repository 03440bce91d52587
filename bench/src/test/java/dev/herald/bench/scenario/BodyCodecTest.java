package dev.herald.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyCodecTest {

    @Test
    void sendTimeAndSeqRoundTrip() {
        final BodyCodec codec = new BodyCodec(0);
        for (long nanos : new long[] {0, 123_456_789_012L, -987_654_321L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            for (long seq : new long[] {0, 1, 41, Long.MAX_VALUE}) {
                assertThat(BodyCodec.decode(codec.encode(nanos, seq))).contains(new Stamp(nanos, seq));
            }
        }
    }

    @Test
    void padsToTheBodySizeAndStillDecodes() {
        final String body = new BodyCodec(256).encode(5_000_000_000L, 7);
        assertThat(body).hasSize(256).startsWith("5000000000|7|x");
        assertThat(BodyCodec.decode(body)).contains(new Stamp(5_000_000_000L, 7));
    }

    @Test
    void neverCutsABodyShorterThanItsStamp() {
        final String body = new BodyCodec(4).encode(123_456_789L, 12);
        assertThat(body).isEqualTo("123456789|12|");
    }

    @Test
    void otherBodiesHaveNoStamp() {
        assertThat(BodyCodec.decode("hello")).isEmpty();
        assertThat(BodyCodec.decode("I'm online now!")).isEmpty();
        assertThat(BodyCodec.decode("a|b|c")).isEmpty();
        assertThat(BodyCodec.decode("1|")).isEmpty();
        assertThat(BodyCodec.decode("")).isEmpty();
    }
}
