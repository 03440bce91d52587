package dev.herald.message.api;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.page.Page;
import dev.herald.proto.v1.DeleteSentResponse;
import dev.herald.proto.v1.ListSentResponse;
import dev.herald.proto.v1.RecallResponse;
import dev.herald.proto.v1.SentMessage;

/** {@code herald.v1.OutboxService} messages from the outbox's model. */
final class OutboxMapper {

    private OutboxMapper() {}

    static ListSentResponse list(Page<SentMessage> page) {
        return ListSentResponse.newBuilder()
                .addAllMessages(page.items())
                .setNextBefore(page.next().orElse(""))
                .build();
    }

    /** The cursor that continues after a message of a page (the admin's query pages the same way). */
    static String cursor(SentMessage sent) {
        return sent.getMessage().getId();
    }

    static DeleteSentResponse deleted(BatchResult result) {
        return DeleteSentResponse.newBuilder().addAllChanged(result.changedIds()).addAllUnknown(result.unknown()).build();
    }

    static RecallResponse recalled(BatchResult result) {
        return RecallResponse.newBuilder().addAllChanged(result.changedIds()).addAllUnknown(result.unknown()).build();
    }
}
