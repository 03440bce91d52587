package dev.herald.message.api;

import com.google.protobuf.ByteString;
import dev.herald.message.admin.DeadLetterOrder;
import dev.herald.message.admin.MessageCriteria;
import dev.herald.message.admin.MessageDetails;
import dev.herald.message.admin.RetryResult;
import dev.herald.message.batch.BatchResult;
import dev.herald.message.error.HeraldException;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.page.Page;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.DeadLetter;
import dev.herald.proto.v1.DeleteMessagesResponse;
import dev.herald.proto.v1.GetMessageResponse;
import dev.herald.proto.v1.ListDeadLettersResponse;
import dev.herald.proto.v1.ListUsersResponse;
import dev.herald.proto.v1.MessageFilter;
import dev.herald.proto.v1.QueryMessagesResponse;
import dev.herald.proto.v1.RetriedDeadLetter;
import dev.herald.proto.v1.RetryDeadLettersResponse;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.User;
import java.util.List;
import java.util.Optional;

/** {@code herald.v1.AdminService} messages to and from the admin's model. */
final class AdminMapper {

    private AdminMapper() {}

    static MessageCriteria criteria(MessageFilter filter) {
        return new MessageCriteria(
                Optional.of(filter.getSenderId()).filter(s -> !s.isEmpty()),
                Optional.of(filter.getReceiverId()).filter(s -> !s.isEmpty()),
                Optional.of(filter.getType()).filter(s -> !s.isEmpty()),
                Timestamps.toInstant(filter.hasSince(), filter.getSince()),
                Timestamps.toInstant(filter.hasUntil(), filter.getUntil()),
                Optional.of(filter.getText()).filter(s -> !s.isEmpty()));
    }

    static QueryMessagesResponse query(Page<SentMessage> page) {
        return QueryMessagesResponse.newBuilder()
                .addAllMessages(page.items())
                .setNextBefore(page.next().orElse(""))
                .build();
    }

    static GetMessageResponse details(MessageDetails details) {
        GetMessageResponse.Builder response = GetMessageResponse.newBuilder()
                .setMessage(MessageProtos.sent(details.message()));
        details.recalledAt().ifPresent(at -> response.setRecalledAt(Timestamps.of(at)));
        details.senderDeletedAt().ifPresent(at -> response.setSenderDeletedAt(Timestamps.of(at)));
        return response.build();
    }

    static DeleteMessagesResponse deleted(BatchResult result) {
        return DeleteMessagesResponse.newBuilder()
                .addAllChanged(result.changedIds()).addAllUnknown(result.unknown()).build();
    }

    static List<DirectoryUser> users(List<User> users) {
        return users.stream().map(user -> new DirectoryUser(user.getId(), user.getName())).toList();
    }

    static ListUsersResponse users(Page<User> page) {
        return ListUsersResponse.newBuilder()
                .addAllUsers(page.items())
                .setNextAfter(page.next().orElse(""))
                .build();
    }

    static DeadLetterOrder order(dev.herald.proto.v1.DeadLetterOrder order) {
        return switch (order) {
            case DEAD_LETTER_ORDER_UNSPECIFIED, DEAD_LETTER_ORDER_NEWEST_FIRST -> DeadLetterOrder.NEWEST_FIRST;
            case DEAD_LETTER_ORDER_OLDEST_FIRST -> DeadLetterOrder.OLDEST_FIRST;
            case UNRECOGNIZED -> throw new HeraldException.InvalidArgument("order",
                    "order: unknown value (expected: DEAD_LETTER_ORDER_NEWEST_FIRST or DEAD_LETTER_ORDER_OLDEST_FIRST)");
        };
    }

    static DeadLetter deadLetter(dev.herald.message.admin.DeadLetter letter) {
        return DeadLetter.newBuilder()
                .setId(letter.id())
                .setStreamSequence(letter.streamSequence())
                .setSubject(letter.subject())
                .setPayload(ByteString.copyFrom(letter.payload()))
                .setReason(letter.reason())
                .setSqlState(letter.sqlState().orElse(""))
                .setFailedAt(Timestamps.of(letter.failedAt()))
                .build();
    }

    static ListDeadLettersResponse deadLetters(Page<DeadLetter> page, long totalCount) {
        return ListDeadLettersResponse.newBuilder()
                .addAllDeadLetters(page.items())
                .setNextCursor(page.next().map(Long::parseLong).orElse(0L))
                .setTotalCount(totalCount)
                .build();
    }

    static RetryDeadLettersResponse retried(RetryResult result) {
        RetryDeadLettersResponse.Builder response = RetryDeadLettersResponse.newBuilder()
                .addAllUnknownIds(result.unknownIds())
                .addAllUnknownStreamSequences(result.unknownStreamSequences());
        for (RetryResult.Retried retried : result.retried()) {
            response.addRetried(RetriedDeadLetter.newBuilder().setId(retried.id())
                    .setStreamSequence(retried.streamSequence()).setNewStreamSequence(retried.newStreamSequence()));
        }
        return response.build();
    }
}
