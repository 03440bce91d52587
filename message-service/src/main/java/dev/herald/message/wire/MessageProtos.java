package dev.herald.message.wire;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.model.StoredReceipt;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.Receipt;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.User;

/** The protobuf form of the model records every edge sends: in API answers, stream events and deliveries alike. */
public final class MessageProtos {

    private MessageProtos() {}

    public static Message message(DirectMessage message) {
        return Message.newBuilder()
                .setId(message.id().toString())
                .setSender(User.newBuilder().setId(message.senderId()).setName(message.senderName()))
                .addAllReceivers(message.receivers())
                .setTitle(message.title())
                .setBody(message.body())
                .setType(message.type())
                .setCreatedAt(Timestamps.of(message.createdAt()))
                .setClientId(message.clientId().orElse(""))
                .build();
    }

    /** A message with every receiver's state, as senders and admins are answered. */
    public static SentMessage sent(MessageWithReceipts sent) {
        return SentMessage.newBuilder()
                .setMessage(message(sent.message()))
                .addAllReceipts(sent.receipts().stream().map(MessageProtos::receipt).toList())
                .build();
    }

    public static Receipt receipt(StoredReceipt receipt) {
        Receipt.Builder proto = Receipt.newBuilder().setReceiverId(receipt.receiverId());
        receipt.readAt().ifPresent(at -> proto.setReadAt(Timestamps.of(at)));
        receipt.deletedAt().ifPresent(at -> proto.setDeletedAt(Timestamps.of(at)));
        return proto.build();
    }

    public static User user(DirectoryUser user) {
        return User.newBuilder().setId(user.id()).setName(user.name()).build();
    }
}
