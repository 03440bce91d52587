package dev.herald.message.model;

import java.util.List;

/** A stored message with every receiver's state, as its sender and admins see it. */
public record MessageWithReceipts(DirectMessage message, List<StoredReceipt> receipts) {

    public MessageWithReceipts {
        receipts = List.copyOf(receipts);
    }
}
