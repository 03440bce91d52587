package dev.herald.message.api;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.herald.message.error.StatusMapper;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendError;
import dev.herald.proto.v1.LinkSendResult;
import dev.herald.proto.v1.SendResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The result of a link send, from what the unary Send would answer: its response, or its status with the same
 * details (the {@value StatusMapper#FIELD_KEY_NAME} trailer as the field, a {@code RetryInfo} wait in milliseconds).
 */
final class LinkSendMapper {

    private LinkSendMapper() {}

    static LinkSendResult sent(LinkSend send, SendResponse response) {
        return LinkSendResult.newBuilder().setSendId(send.getSendId()).setSent(response).build();
    }

    static LinkSendResult failed(LinkSend send, StatusRuntimeException failure) {
        Status status = failure.getStatus();
        LinkSendError.Builder error = LinkSendError.newBuilder()
                .setCode(status.getCode().value())
                .setMessage(status.getDescription() == null ? "" : status.getDescription())
                .setRetryAfterMs(retryAfterMs(failure));
        Metadata trailers = failure.getTrailers();
        String field = trailers == null ? null : trailers.get(StatusMapper.FIELD_KEY);
        if (field != null) {
            error.setField(field);
        }
        return LinkSendResult.newBuilder().setSendId(send.getSendId()).setError(error).build();
    }

    /** The wait of a {@code RetryInfo} detail in whole milliseconds, rounded up; 0 without one. */
    private static long retryAfterMs(StatusRuntimeException failure) {
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        if (details == null) {
            return 0;
        }
        for (Any detail : details.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                try {
                    com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
                    long nanos = Math.max(1, delay.getSeconds() * 1_000_000_000L + delay.getNanos());
                    return Math.ceilDiv(nanos, 1_000_000L);
                } catch (InvalidProtocolBufferException e) {
                    // Built by StatusMapper from a RetryInfo: unreachable; answer without a wait rather than fail.
                    return 0;
                }
            }
        }
        return 0;
    }
}
