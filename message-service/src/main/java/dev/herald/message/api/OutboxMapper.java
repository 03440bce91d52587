package dev.herald.message.api;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.page.Page;
import dev.herald.message.wire.MessageProtos;
import dev.herald.proto.v1.DeleteSentResponse;
import dev.herald.proto.v1.ListSentResponse;
import dev.herald.proto.v1.RecallResponse;

/** {@code herald.v1.OutboxService} messages from the outbox's model. */
final class OutboxMapper {

    private OutboxMapper() {}

    static ListSentResponse list(Page<MessageWithReceipts> page) {
        return ListSentResponse.newBuilder()
                .addAllMessages(page.items().stream().map(MessageProtos::sent).toList())
                .setNextBefore(page.next().orElse(""))
                .build();
    }

    static DeleteSentResponse deleted(BatchResult result) {
        return DeleteSentResponse.newBuilder().addAllChanged(result.changedIds()).addAllUnknown(result.unknown()).build();
    }

    static RecallResponse recalled(BatchResult result) {
        return RecallResponse.newBuilder().addAllChanged(result.changedIds()).addAllUnknown(result.unknown()).build();
    }
}
