package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyBoundTest {

    @Test
    void defaultsToOneMebibyteAndGrpcTakesItPlusOneMessage() {
        ReplyBound bound = ReplyBound.read(Env.of(Map.of()));

        assertThat(bound.maxReplyBytes()).isEqualTo(1_048_576);
        assertThat(bound.grpcMaxMessageBytes()).isEqualTo(1_048_576 + 4_194_304);
        assertThat(ReplyBound.defaults()).isEqualTo(bound);
    }

    @Test
    void readsTheVariable() {
        assertThat(ReplyBound.read(Env.of(Map.of("HERALD_MAX_REPLY_BYTES", "65536"))).maxReplyBytes())
                .isEqualTo(65_536);
    }

    @Test
    void refusesValuesOutOfRangeNamingTheVariable() {
        assertThatThrownBy(() -> ReplyBound.read(Env.of(Map.of("HERALD_MAX_REPLY_BYTES", "1000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HERALD_MAX_REPLY_BYTES: '1000' (expected: 65536..67108864)");
    }
}
