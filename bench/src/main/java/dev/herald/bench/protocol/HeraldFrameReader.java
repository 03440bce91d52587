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
 * made the tree parse most of the generator's CPU. Even skipped token by token, that array was 60% of the generator's
 * CPU in fan-out runs (JFR), and so was a char-by-char scan, so it is cut out of the text before parsing (see
 * {@link #withoutReceivers}). Fields may come in any order. Thread-safe.
 */
final class HeraldFrameReader {

    private static final Inbound OTHER = new Inbound.Other();
    private static final Inbound ONLINE_ACK = new Inbound.OnlineAck();
    private static final String RECEIVERS = "\"receivers\":[";
    private static final String RECEIVERS_END_BEFORE_TITLE = "],\"title\":";
    /**
     * Frames shorter than this are parsed whole: their receivers (a direct message's one) cost the parser less to
     * skip than the two copies of the frame a cut makes.
     */
    static final int CUT_FROM_CHARS = 1024;

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
        try (JsonParser json = factory.createParser(text.length() < CUT_FROM_CHARS ? text : withoutReceivers(text))) {
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

    /**
     * {@code text} with the value of its first {@code "receivers":[...]} replaced by an empty array; {@code text}
     * itself when there is none, or when the array does not end (the parser then reports the frame as cut short).
     *
     * <p>Herald writes {@code title} right after {@code receivers}, so the end is found with one vectorized
     * {@code indexOf} of {@code ],"title":}: that text cannot lie inside a JSON string (a quote inside one is
     * escaped, and a closing quote cannot be followed by {@code title}), and the array holds only strings, so the
     * first such {@code ]} is its end. Other frames fall back to a scan that tracks strings and escapes. Cutting can
     * only drop fields, never add them, so a frame of another shape reads as incomplete (and is reported missing).
     */
    static String withoutReceivers(String text) {
        final int at = text.indexOf(RECEIVERS);
        if (at < 0) {
            return text;
        }
        final int open = at + RECEIVERS.length() - 1;
        final int beforeTitle = text.indexOf(RECEIVERS_END_BEFORE_TITLE, open);
        final int close = beforeTitle >= 0 ? beforeTitle : scanToArrayEnd(text, open);
        return close < 0 ? text : text.substring(0, open + 1) + text.substring(close);
    }

    /** The index of the {@code ]} that closes the array of strings opened at {@code open}, or -1. */
    private static int scanToArrayEnd(String text, int open) {
        boolean inString = false;
        for (int i = open + 1; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
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
