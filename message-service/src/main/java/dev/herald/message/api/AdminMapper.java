package dev.herald.message.api;

import dev.herald.message.admin.MessageCriteria;
import dev.herald.message.admin.MessageDetails;
import dev.herald.message.batch.BatchResult;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.page.Page;
import dev.herald.message.wire.MessageProtos;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.DeleteMessagesResponse;
import dev.herald.proto.v1.GetMessageResponse;
import dev.herald.proto.v1.ListUsersResponse;
import dev.herald.proto.v1.MessageFilter;
import dev.herald.proto.v1.QueryMessagesResponse;
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
}
