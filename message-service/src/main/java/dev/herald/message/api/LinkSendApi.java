package dev.herald.message.api;

import static java.util.Objects.requireNonNull;

import dev.herald.auth.VerifiedUser;
import dev.herald.message.error.HeraldException;
import dev.herald.message.error.StatusMapper;
import dev.herald.message.limits.CallKind;
import dev.herald.message.limits.CallerAdmission;
import dev.herald.message.presence.LinkSendHandler;
import dev.herald.message.send.MessageSender;
import dev.herald.message.send.SendResult;
import dev.herald.message.trace.CallTrace;
import dev.herald.observability.trace.Traceparent;
import dev.herald.proto.v1.LinkSend;
import dev.herald.proto.v1.LinkSendResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The transport of sends over gateway links: the same as {@link MessageApi#send}, decode, call the
 * {@link MessageSender}, encode, within the sender's limits ({@link CallerAdmission}, as
 * {@code CallerLimitInterceptor} applies them to the unary Send), each send on a call thread of its own as a unary
 * call would be, since a send may block (a receiver looked up in the database).
 */
public final class LinkSendApi implements LinkSendHandler {

    private final MessageSender sender;
    private final CallerAdmission admission;
    private final StatusMapper statusMapper;
    private final Executor callThreads;

    public LinkSendApi(MessageSender sender, CallerAdmission admission, StatusMapper statusMapper,
            Executor callThreads) {
        this.sender = requireNonNull(sender, "sender");
        this.admission = requireNonNull(admission, "admission");
        this.statusMapper = requireNonNull(statusMapper, "statusMapper");
        this.callThreads = requireNonNull(callThreads, "callThreads");
    }

    @Override
    public void send(VerifiedUser user, LinkSend send, Consumer<LinkSendResult> results) {
        final Runnable release;
        try {
            release = admission.admit(user.id(), CallKind.SEND);
        } catch (HeraldException.ResourceExhausted refusal) {
            results.accept(LinkSendMapper.failed(send, statusMapper.toStatus(refusal)));
            return;
        }
        Traceparent trace = Traceparent.parse(send.getTraceparent()).map(Traceparent::child)
                .orElseGet(Traceparent::newRoot);
        try {
            callThreads.execute(() -> CallTrace.run(trace, () -> carryOut(user, send, release, results)));
        } catch (RuntimeException e) {
            // The executor refuses work only while the instance shuts down.
            release.run();
            results.accept(LinkSendMapper.failed(send, statusMapper.toStatus(
                    new HeraldException.Unavailable("shutting down, retry", e))));
        }
    }

    private void carryOut(VerifiedUser user, LinkSend send, Runnable release, Consumer<LinkSendResult> results) {
        CompletableFuture<SendResult> sent;
        try {
            sent = sender.send(user, MessageMapper.command(send.getRequest()));
        } catch (RuntimeException e) {
            release.run();
            results.accept(LinkSendMapper.failed(send, statusMapper.toStatus(e)));
            return;
        }
        sent.whenComplete((result, failure) -> {
            release.run();
            results.accept(failure == null
                    ? LinkSendMapper.sent(send, MessageMapper.sent(result))
                    : LinkSendMapper.failed(send, statusMapper.toStatus(failure)));
        });
    }
}
