package dev.herald.message.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.error.HeraldException;
import dev.herald.message.error.StatusMapper;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendResult;
import dev.herald.proto.v1.SendResponse;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSendMapperTest {

    private static final LinkSend SEND = LinkSend.newBuilder().setSendId(7).setUserId("alice").build();

    private final StatusMapper statusMapper = new StatusMapper();

    @Test
    void anAcceptedSendCarriesTheUnaryResponse() {
        SendResponse response = SendResponse.newBuilder().setId("m-1").setDuplicate(true).build();

        LinkSendResult result = LinkSendMapper.sent(SEND, response);

        assertThat(result.getSendId()).isEqualTo(7);
        assertThat(result.getSent()).isEqualTo(response);
    }

    @Test
    void aRefusalCarriesTheCodeDescriptionAndFieldOfTheUnaryStatus() {
        LinkSendResult result = LinkSendMapper.failed(SEND,
                statusMapper.toStatus(new HeraldException.NotFound("receivers", "unknown receiver: zed")));

        assertThat(result.getSendId()).isEqualTo(7);
        assertThat(result.getError().getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
        assertThat(result.getError().getMessage()).isEqualTo("unknown receiver: zed");
        assertThat(result.getError().getField()).isEqualTo("receivers");
        assertThat(result.getError().getRetryAfterMs()).isZero();
    }

    @Test
    void aRateRefusalCarriesItsWaitInMillisecondsRoundedUp() {
        LinkSendResult result = LinkSendMapper.failed(SEND, statusMapper.toStatus(new HeraldException.ResourceExhausted(
                "too many sends for this user: retry after 1200 ms", Duration.ofMillis(1_199).plusNanos(1))));

        assertThat(result.getError().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
        assertThat(result.getError().getMessage()).isEqualTo("too many sends for this user: retry after 1200 ms");
        assertThat(result.getError().getRetryAfterMs()).isEqualTo(1_200);
        assertThat(result.getError().getField()).isEmpty();
    }
}
