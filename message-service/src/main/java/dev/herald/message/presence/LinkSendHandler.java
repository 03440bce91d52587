package dev.herald.message.presence;

import dev.herald.auth.VerifiedUser;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendError;
import dev.herald.proto.v1.LinkSendResult;
import io.grpc.Status;
import java.util.function.Consumer;

/** Carries out the sends a gateway makes over its link, as the users proven on it. */
public interface LinkSendHandler {

    /** Answers every send UNAVAILABLE: for a link endpoint without a sender (tests of presence alone). */
    LinkSendHandler NONE = (sender, send, results) -> results.accept(LinkSendResult.newBuilder()
            .setSendId(send.getSendId())
            .setError(LinkSendError.newBuilder().setCode(Status.Code.UNAVAILABLE.value())
                    .setMessage("this instance takes no sends over gateway links"))
            .build());

    /**
     * Carries out {@code send} as {@code sender}, a user proven on the link, and hands its result to
     * {@code results} once it is final: a message only once JetStream acknowledged it. Never throws: a refusal is
     * a result too.
     */
    void send(VerifiedUser sender, LinkSend send, Consumer<LinkSendResult> results);
}
