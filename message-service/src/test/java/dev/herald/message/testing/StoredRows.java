package dev.herald.message.testing;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.USERS;

import dev.herald.message.send.MessageIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/** Rows as the persistence-worker would have stored them, written with jOOQ. */
public final class StoredRows {

    private final DSLContext dsl;

    public StoredRows(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void user(String id, String name) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.insertInto(USERS).set(USERS.ID, id).set(USERS.NAME, name)
                .set(USERS.CREATED_AT, now).set(USERS.UPDATED_AT, now).execute();
    }

    /** A message from {@code senderId}, stored now; see {@link Message} for the rest. */
    public Message message(String senderId) {
        return new Message(senderId);
    }

    public void read(String receiverId, UUID messageId, Instant at) {
        dsl.update(RECEIPTS).set(RECEIPTS.READ_AT, time(at))
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId), RECEIPTS.MESSAGE_ID.eq(messageId)).execute();
    }

    public void deleteReceipt(String receiverId, UUID messageId, Instant at) {
        dsl.update(RECEIPTS).set(RECEIPTS.DELETED_AT, time(at))
                .where(RECEIPTS.RECEIVER_ID.eq(receiverId), RECEIPTS.MESSAGE_ID.eq(messageId)).execute();
    }

    public void deleteSent(UUID messageId, Instant at) {
        dsl.update(MESSAGES).set(MESSAGES.SENDER_DELETED_AT, time(at)).where(MESSAGES.ID.eq(messageId)).execute();
    }

    /** As the worker applies a recall: the message marked, every receipt deleted. */
    public void recall(UUID messageId, Instant at) {
        dsl.update(MESSAGES).set(MESSAGES.RECALLED_AT, time(at)).where(MESSAGES.ID.eq(messageId)).execute();
        dsl.update(RECEIPTS).set(RECEIPTS.DELETED_AT, time(at))
                .where(RECEIPTS.MESSAGE_ID.eq(messageId), RECEIPTS.DELETED_AT.isNull()).execute();
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** A message to store: the sender's, to receivers, with defaults for everything not set. */
    public final class Message {

        private final String senderId;
        private List<String> receivers = List.of();
        private String title = "";
        private String body = "hello";
        private String type = "text";
        private @Nullable String clientId;
        private Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private @Nullable Long streamSequence;

        private Message(String senderId) {
            this.senderId = senderId;
        }

        public Message to(String... receiverIds) {
            return to(List.of(receiverIds));
        }

        public Message to(List<String> receiverIds) {
            receivers = List.copyOf(receiverIds);
            return this;
        }

        public Message title(String value) {
            title = value;
            return this;
        }

        public Message body(String value) {
            body = value;
            return this;
        }

        public Message type(String value) {
            type = value;
            return this;
        }

        public Message clientId(String value) {
            clientId = value;
            return this;
        }

        public Message at(Instant value) {
            createdAt = value;
            return this;
        }

        /**
         * The stream sequence of the message's event, on the message and its receipts, as the worker stores it.
         * Without one, the receipts have none, like those stored before the schema recorded it.
         */
        public Message sequence(long value) {
            streamSequence = value;
            return this;
        }

        /** Stores the message and one receipt per receiver; returns its id (a UUIDv7 of its time). */
        public UUID store() {
            // A fresh generator: one generator never goes back in time, and tests store older messages after newer.
            UUID id = new MessageIds().next(createdAt);
            dsl.insertInto(MESSAGES)
                    .set(MESSAGES.ID, id)
                    .set(MESSAGES.SENDER_ID, senderId)
                    .set(MESSAGES.SENDER_NAME, "name of " + senderId)
                    .set(MESSAGES.TITLE, title)
                    .set(MESSAGES.BODY, body)
                    .set(MESSAGES.TYPE, type)
                    .set(MESSAGES.CLIENT_ID, clientId)
                    .set(MESSAGES.CREATED_AT, time(createdAt))
                    .set(MESSAGES.STREAM_SEQUENCE, streamSequence == null ? 0L : streamSequence)
                    .execute();
            if (!receivers.isEmpty()) {
                var receipts = dsl.insertInto(RECEIPTS, RECEIPTS.RECEIVER_ID, RECEIPTS.MESSAGE_ID,
                        RECEIPTS.STREAM_SEQUENCE);
                for (String receiver : receivers) {
                    receipts = receipts.values(receiver, id, streamSequence);
                }
                receipts.execute();
            }
            return id;
        }
    }
}
