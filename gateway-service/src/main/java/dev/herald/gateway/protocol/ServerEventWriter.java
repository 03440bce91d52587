package dev.herald.gateway.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Writes the frame of each {@link ServerEvent}: {@code {"event": NAME, "id": ID, "data": {...}}}. */
final class ServerEventWriter {

    private ServerEventWriter() {}

    static void write(JsonGenerator json, ServerEvent event) throws IOException {
        json.writeStartObject();
        switch (event) {
            case ServerEvent.OnlineAck ack -> {
                head(json, "ack", ack.id());
                json.writeObjectFieldStart("user");
                json.writeStringField("id", ack.userId());
                json.writeStringField("name", ack.userName());
                json.writeEndObject();
                json.writeNumberField("unreadCount", ack.unreadCount());
                json.writeEndObject();
            }
            case ServerEvent.SendAck ack -> {
                head(json, "ack", ack.id());
                json.writeStringField("id", ack.messageId());
                json.writeStringField("createdAt", EventCodec.timestamp(ack.createdAt()));
                json.writeEndObject();
            }
            case ServerEvent.ApiAck ack -> {
                json.writeStringField("event", "ack");
                writeId(json, ack.id());
                json.writeFieldName("data");
                json.writeRawValue(ack.data());
            }
            case ServerEvent.Failure failure -> {
                head(json, "exception", failure.id());
                json.writeStringField("status", failure.status().name());
                json.writeStringField("message", failure.message());
                if (failure.field() != null) {
                    json.writeStringField("field", failure.field());
                }
                if (failure.retryAfterMs() != null) {
                    json.writeNumberField("retryAfterMs", failure.retryAfterMs());
                }
                json.writeEndObject();
            }
            case ServerEvent.Delivered message -> writeDelivered(json, message);
            case ServerEvent.ReadReceipt receipt -> {
                head(json, "read", null);
                json.writeStringField("id", receipt.messageId());
                json.writeStringField("reader", receipt.readerId());
                json.writeStringField("readAt", EventCodec.timestamp(receipt.readAt()));
                json.writeEndObject();
            }
            case ServerEvent.Resync resync -> json.writeStringField("event", "resync");
            case ServerEvent.Recalled recalled -> {
                head(json, "recalled", null);
                json.writeStringField("id", recalled.messageId());
                writeRoom(json, recalled.room());
                json.writeEndObject();
            }
            case ServerEvent.Presence presence -> {
                head(json, "presence", null);
                json.writeStringField("user", presence.userId());
                json.writeBooleanField("online", presence.online());
                if (presence.lastSeen() != null) {
                    json.writeStringField("lastSeen", EventCodec.timestamp(presence.lastSeen()));
                }
                json.writeEndObject();
            }
            case ServerEvent.Typing typing -> {
                head(json, "typing", null);
                json.writeStringField("from", typing.fromUserId());
                writeRoom(json, typing.room());
                json.writeEndObject();
            }
            case ServerEvent.RoomChanged room -> {
                head(json, "room", null);
                json.writeStringField("room", room.roomId());
                json.writeStringField("change", room.change().jsonName());
                json.writeStringField("by", room.byUserId());
                json.writeEndObject();
            }
        }
        json.writeEndObject();
    }

    /** Writes the event name and request id, and opens {@code data}. */
    private static void head(JsonGenerator json, String event, @Nullable RequestId id) throws IOException {
        json.writeStringField("event", event);
        writeId(json, id);
        json.writeObjectFieldStart("data");
    }

    private static void writeId(JsonGenerator json, @Nullable RequestId id) throws IOException {
        if (id != null) {
            json.writeFieldName("id");
            json.writeTree(id.value());
        }
    }

    private static void writeDelivered(JsonGenerator json, ServerEvent.Delivered message) throws IOException {
        head(json, "message", null);
        json.writeStringField("id", message.messageId());
        json.writeObjectFieldStart("sender");
        json.writeStringField("id", message.senderId());
        json.writeStringField("name", message.senderName());
        json.writeEndObject();
        json.writeArrayFieldStart("receivers");
        for (String receiver : message.receivers()) {
            json.writeString(receiver);
        }
        json.writeEndArray();
        json.writeStringField("title", message.title());
        json.writeStringField("body", message.body());
        json.writeStringField("type", message.type());
        json.writeStringField("createdAt", EventCodec.timestamp(message.createdAt()));
        writeRoom(json, message.room());
        if (message.announcement()) {
            json.writeBooleanField("announcement", true);
        }
        json.writeEndObject();
    }

    /** {@code room} of an event that may belong to a room: left out of a direct conversation's. */
    private static void writeRoom(JsonGenerator json, String room) throws IOException {
        if (!room.isEmpty()) {
            json.writeStringField("room", room);
        }
    }
}
