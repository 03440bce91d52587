package dev.herald.gateway.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.observability.trace.Traceparent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads client frames and writes server frames. A frame is {@code {"event": NAME, "id": ID, "data": {...}}},
 * optionally with a W3C {@code "traceparent"};
 * every way a client frame can be wrong becomes a {@link FrameException} naming the offending field.
 * Thread-safe; one instance is shared by all sockets.
 */
public final class EventCodec {

    /** The events this codec reads itself; every other known event is an {@link ClientEvent.ApiCall}. */
    private static final Set<String> OWN_EVENTS = Set.of("online", "message", "offline");
    /** Longest event name quoted back in an "unknown event" error. */
    private static final int MAX_QUOTED_EVENT = 64;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final Set<String> apiEvents;

    /**
     * A codec that reads {@code online}, {@code message} and {@code offline} itself and passes the data of the
     * {@code apiEvents} on as {@link ClientEvent.ApiCall}s; any other event is unknown.
     */
    public EventCodec(ObjectMapper mapper, Set<String> apiEvents) {
        this.mapper = requireNonNull(mapper, "mapper").copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.apiEvents = Set.copyOf(apiEvents);
        for (String event : this.apiEvents) {
            if (OWN_EVENTS.contains(event)) {
                throw new IllegalArgumentException(
                        "apiEvents: " + event + " (expected: not one of " + OWN_EVENTS + ")");
            }
        }
    }

    /** Reads the envelope of a text frame: a JSON object with a string {@code event}. */
    public ClientFrame readFrame(String text) throws FrameException {
        final JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (IOException e) {
            // Jackson's message quotes the input: never sent to the client, never logged.
            throw FrameException.invalid("malformed JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw FrameException.invalid("malformed JSON");
        }
        if (!(root instanceof ObjectNode frame)) {
            throw FrameException.invalid("frame must be a JSON object");
        }
        RequestId id = readId(frame.get("id"));
        JsonNode event = frame.get("event");
        if (event == null || !event.isTextual()) {
            throw FrameException.invalid("event must be a string", "event").withRequestId(id);
        }
        Traceparent traceparent = readTraceparent(frame.get("traceparent"));
        JsonNode data = frame.get("data");
        if (data == null || data.isNull()) {
            return new ClientFrame(id, event.textValue(), mapper.createObjectNode(), traceparent);
        }
        if (!(data instanceof ObjectNode object)) {
            throw FrameException.invalid("data must be an object", "data").withRequestId(id);
        }
        Optional<String> notUnicode = LoneSurrogates.firstFieldWithOne(object);
        if (notUnicode.isPresent()) {
            throw FrameException.invalid(notUnicode.get() + " is not valid Unicode: it holds a lone surrogate"
                    + " (a \\ud800-\\udfff escape that is not part of a pair)", notUnicode.get()).withRequestId(id);
        }
        return new ClientFrame(id, event.textValue(), object, traceparent);
    }

    /** Reads the event a frame names from its data. */
    public ClientEvent readEvent(ClientFrame frame) throws FrameException {
        ObjectNode data = frame.data();
        return switch (frame.event()) {
            case "online" -> new ClientEvent.Online(nonEmptyString(data, "token"));
            case "message" -> new ClientEvent.Send(
                    audience(data),
                    requiredString(data, "body"),
                    optionalString(data, "title"),
                    optionalString(data, "type"),
                    optionalString(data, "clientId"));
            case "offline" -> new ClientEvent.Offline();
            default -> {
                if (!apiEvents.contains(frame.event())) {
                    throw FrameException.invalid("unknown event: " + quote(frame.event()), "event");
                }
                yield new ClientEvent.ApiCall(frame.event(), data);
            }
        };
    }

    /** The text of {@link #encodeUtf8}: the same encoder, decoded, for logs and tests. */
    public String encode(ServerEvent event) {
        return new String(encodeUtf8(event), StandardCharsets.UTF_8);
    }

    /** Writes a server event as the UTF-8 payload of one text frame, without an intermediate string. */
    public byte[] encodeUtf8(ServerEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            ServerEventWriter.write(json, event);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-25T20:00:00.123Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static @Nullable RequestId readId(@Nullable JsonNode id) throws FrameException {
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() && !id.isNumber()) {
            throw FrameException.invalid("id must be a string or a number", "id");
        }
        return new RequestId(id);
    }

    /**
     * The frame's W3C {@code traceparent}, when it is a valid one. Anything else is ignored, not refused: a client
     * is never turned away over tracing; its request then starts a trace of its own.
     */
    private static @Nullable Traceparent readTraceparent(@Nullable JsonNode value) {
        return value != null && value.isTextual() ? Traceparent.parse(value.textValue()).orElse(null) : null;
    }

    /**
     * Whom a {@code message} is for: exactly one of {@code receivers} and {@code room}, each counted as given
     * when its key is there and not {@code null} (so an empty {@code receivers} next to a {@code room} is both).
     */
    private static ClientEvent.Audience audience(ObjectNode data) throws FrameException {
        boolean receivers = isGiven(data, "receivers");
        boolean room = isGiven(data, "room");
        if (receivers && room) {
            throw FrameException.invalid("give either receivers or room, not both", "room");
        }
        if (room) {
            return new ClientEvent.Room(nonEmptyString(data, "room"));
        }
        if (!receivers) {
            throw FrameException.invalid("receivers or room is required", "receivers");
        }
        return new ClientEvent.Receivers(stringArray(data, "receivers"));
    }

    private static boolean isGiven(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && !value.isNull();
    }

    private static String requiredString(ObjectNode data, String field) throws FrameException {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual()) {
            throw FrameException.invalid(field + " must be a string", field);
        }
        return value.textValue();
    }

    private static String nonEmptyString(ObjectNode data, String field) throws FrameException {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw FrameException.invalid(field + " must be a non-empty string", field);
        }
        return value.textValue();
    }

    private static String optionalString(ObjectNode data, String field) throws FrameException {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw FrameException.invalid(field + " must be a string", field);
        }
        return value.textValue();
    }

    private static List<String> stringArray(ObjectNode data, String field) throws FrameException {
        JsonNode value = data.get(field);
        if (value == null || !value.isArray()) {
            throw FrameException.invalid(field + " must be an array of strings", field);
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw FrameException.invalid(field + " must be an array of strings", field);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    private static String quote(String event) {
        return event.length() <= MAX_QUOTED_EVENT ? event : event.substring(0, MAX_QUOTED_EVENT) + "...";
    }
}
