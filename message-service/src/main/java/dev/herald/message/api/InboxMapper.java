package dev.herald.message.api;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.inbox.InboxEntry;
import dev.herald.message.inbox.InboxFilter;
import dev.herald.message.inbox.ReadResult;
import dev.herald.message.inbox.SyncCursor;
import dev.herald.message.inbox.SyncPage;
import dev.herald.message.page.Page;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.DeleteReceivedResponse;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListReceivedResponse;
import dev.herald.proto.v1.MarkReadResponse;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SyncResponse;
import java.util.Optional;

/** {@code herald.v1.InboxService} messages to and from the inbox's model. */
final class InboxMapper {

    private InboxMapper() {}

    static InboxFilter filter(ListReceivedRequest request) {
        return new InboxFilter(request.getUnreadOnly(),
                Optional.of(request.getSenderId()).filter(s -> !s.isEmpty()),
                Optional.of(request.getType()).filter(s -> !s.isEmpty()),
                Timestamps.toInstant(request.hasSince(), request.getSince()),
                Timestamps.toInstant(request.hasUntil(), request.getUntil()));
    }

    /** A message of a sync reply and the cursor (encoded) that continues after it. */
    record SyncedMessage(ReceivedMessage message, String cursor) {}

    static SyncedMessage synced(SyncPage.Synced synced) {
        return new SyncedMessage(received(synced.entry()), synced.cursor().encode());
    }

    /** @param from where the page started, which stays the cursor when nothing new came (empty: from the start) */
    static SyncResponse sync(Page<SyncedMessage> page, Optional<SyncCursor> from) {
        return SyncResponse.newBuilder()
                .addAllMessages(page.items().stream().map(SyncedMessage::message).toList())
                .setNextAfter(page.lastCursor().orElseGet(() -> from.map(SyncCursor::encode).orElse("")))
                .setHasMore(page.hasMore())
                .build();
    }

    static ListReceivedResponse list(Page<ReceivedMessage> page) {
        return ListReceivedResponse.newBuilder()
                .addAllMessages(page.items())
                .setNextBefore(page.next().orElse(""))
                .build();
    }

    /** The cursor that continues after a message of a page. */
    static String cursor(ReceivedMessage received) {
        return received.getMessage().getId();
    }

    static ReceivedMessage received(InboxEntry entry) {
        ReceivedMessage.Builder received = ReceivedMessage.newBuilder()
                .setMessage(MessageProtos.replied(entry.message()))
                .setReceiverCount(entry.message().receivers().size());
        entry.readAt().ifPresent(at -> received.setReadAt(Timestamps.of(at)));
        return received.build();
    }

    static MarkReadResponse markRead(ReadResult result) {
        return MarkReadResponse.newBuilder()
                .addAllChanged(result.batch().changedIds())
                .addAllUnknown(result.batch().unknown())
                .setReadAt(Timestamps.of(result.readAt()))
                .build();
    }

    static DeleteReceivedResponse deleted(BatchResult result) {
        return DeleteReceivedResponse.newBuilder()
                .addAllChanged(result.changedIds()).addAllUnknown(result.unknown()).build();
    }
}
