package dev.herald.bench.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the generator needs from a Herald server frame with a streaming parser: the event, the request id and,
 * inside {@code data}, {@code title}, {@code body}, {@code sender.id}, {@code user} (only whether it is there) and
 * {@code status}. Everything else is skipped without being materialized; in fan-out runs that is chiefly the
 * {@code receivers} array (999 ids in every delivery), which a tree parse turned into 999 nodes per frame and which
 * made the tree parse most of the generator's CPU. Fields may come in any order. Thread-safe.
 */
final class HeraldFrameReader {

    private static final Inbound OTHER = new Inbound.Other();
    private static final Inbound ONLINE_ACK = new Inbound.OnlineAck();

    /**
     * The socket listeners run on virtual threads, each new, so Jackson's default thread-local buffer pool would
     * allocate (and zero) fresh parser buffers for every frame; a shared pool reuses them.
     */
    private final JsonFactory factory = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    /** What {@code text} means; {@link Inbound.Other} for anything that is not a JSON object frame. */
    Inbound read(String text) {
        final Fields fields = new Fields();
        try (JsonParser json = factory.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return OTHER;
            }
            readFrame(json, fields);
        } catch (IOException e) {
            // Not JSON (or cut short): nothing the generator can act on.
            return OTHER;
        }
        return fields.meaning();
    }

    private static void readFrame(JsonParser json, Fields fields) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            final String name = json.currentName();
            final JsonToken value = json.nextToken();
            switch (name) {
                case "event" -> fields.event = scalar(json, value);
                case "id" -> fields.seq = seq(json, value);
                case "data" -> {
                    if (value == JsonToken.START_OBJECT) {
                        readData(json, fields);
                    } else {
                        json.skipChildren();
                    }
                }
                default -> json.skipChildren();
            }
        }
    }

    private static void readData(JsonParser json, Fields fields) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            final String name = json.currentName();
            final JsonToken value = json.nextToken();
            switch (name) {
                case "title" -> fields.title = text(json, value);
                case "body" -> fields.body = text(json, value);
                case "status" -> fields.status = scalar(json, value);
                case "user" -> {
                    fields.hasUser = true;
                    json.skipChildren();
                }
                case "sender" -> {
                    if (value == JsonToken.START_OBJECT) {
                        fields.senderId = senderId(json);
                    } else {
                        json.skipChildren();
                    }
                }
                default -> json.skipChildren();
            }
        }
    }

    private static String senderId(JsonParser json) throws IOException {
        String id = "";
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            final String name = json.currentName();
            final JsonToken value = json.nextToken();
            if (name.equals("id")) {
                id = text(json, value);
            } else {
                json.skipChildren();
            }
        }
        return id;
    }

    /** A scalar's text, or null for an object, array or null (which are skipped). */
    private static @Nullable String scalar(JsonParser json, JsonToken value) throws IOException {
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
            return json.getText();
        }
        json.skipChildren();
        return null;
    }

    /** Like {@code JsonNode.asText()}: a scalar's text, "" for anything else. */
    private static String text(JsonParser json, JsonToken value) throws IOException {
        final String text = scalar(json, value);
        return text == null ? "" : text;
    }

    private static OptionalLong seq(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return OptionalLong.of(json.getLongValue());
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                return OptionalLong.of(Long.parseLong(json.getText()));
            } catch (NumberFormatException e) {
                // The online request's id, or another client's: not a message of this run.
                return OptionalLong.empty();
            }
        }
        json.skipChildren();
        return OptionalLong.empty();
    }

    /** The fields of one frame, as far as they were present. */
    private static final class Fields {
        @Nullable String event;
        OptionalLong seq = OptionalLong.empty();
        @Nullable String title;
        String body = "";
        String senderId = "";
        boolean hasUser;
        @Nullable String status;

        Inbound meaning() {
            if (event == null) {
                return OTHER;
            }
            return switch (event) {
                case "message" -> title == null ? OTHER : new Inbound.Delivery(title, body, senderId);
                case "ack" -> hasUser ? ONLINE_ACK : seq.isPresent() ? new Inbound.MessageAck(seq.getAsLong()) : OTHER;
                case "exception" -> new Inbound.Failure(seq, status == null ? "UNKNOWN" : status);
                default -> OTHER;
            };
        }
    }
}
