package dev.herald.message.wire;

import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.DirectoryUser;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.model.StoredReceipt;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.Receipt;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.User;
import java.util.List;

/** The protobuf form of the model records every edge sends: in API answers, stream events and deliveries alike. */
public final class MessageProtos {

    /**
     * Receivers a message carries in a reply (inbox, outbox, admin); the reply's {@code receiver_count} gives how
     * many it has. Deliveries and stream events carry them all.
     */
    public static final int RECEIVERS_IN_REPLIES = 100;

    private MessageProtos() {}

    /** The whole message, every receiver included: for deliveries and stream events. */
    public static Message message(DirectMessage message) {
        return message(message, message.receivers());
    }

    /**
     * The message as a reply carries it: the first {@value #RECEIVERS_IN_REPLIES} receivers, in the order stored
     * (receiver id), so a message to 1,000 users costs a page 100 ids, not 1,000.
     */
    public static Message replied(DirectMessage message) {
        List<String> receivers = message.receivers();
        return message(message, receivers.subList(0, Math.min(receivers.size(), RECEIVERS_IN_REPLIES)));
    }

    private static Message message(DirectMessage message, List<String> receivers) {
        Message.Builder proto = Message.newBuilder()
                .setId(message.id().toString())
                .setSender(User.newBuilder().setId(message.senderId()).setName(message.senderName()))
                .addAllReceivers(receivers)
                .setTitle(message.title())
                .setBody(message.body())
                .setType(message.type())
                .setCreatedAt(Timestamps.of(message.createdAt()))
                .setClientId(message.clientId().orElse(""))
                .setAnnouncement(message.announcement());
        message.roomId().ifPresent(room -> proto.setRoomId(room.toString()));
        return proto.build();
    }

    /** A message with every receiver's state, as senders and admins are answered. */
    public static SentMessage sent(MessageWithReceipts sent) {
        return SentMessage.newBuilder()
                .setMessage(replied(sent.message()))
                .addAllReceipts(sent.receipts().stream().map(MessageProtos::receipt).toList())
                .setReceiverCount(sent.message().receivers().size())
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
