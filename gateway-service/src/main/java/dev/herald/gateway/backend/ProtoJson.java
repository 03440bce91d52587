package dev.herald.gateway.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.herald.gateway.protocol.FrameException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Converts requests from the JSON of client frames and responses to it, with protobuf's JSON mapping
 * ({@link JsonFormat}). Requests are read strictly, one top-level field at a time so that every error names
 * its field: a key must be a field's JSON name (lowerCamelCase; proto names such as {@code unread_only} are
 * refused), and its value must have the field's JSON type, without JsonFormat's coercions (a number for a
 * string, a string for a number). {@code null} leaves a field unset. Responses name fields in lowerCamelCase
 * and always include fields without presence (empty lists, zero counts, empty strings); unset message fields,
 * such as a {@code readAt} of an unread message, are left out. Thread-safe.
 */
final class ProtoJson {

    /** Longest field name quoted back in an "unknown field" error. */
    private static final int MAX_QUOTED_FIELD = 64;

    private final JsonFormat.Parser parser = JsonFormat.parser();
    private final JsonFormat.Printer printer =
            JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    /** Reads a request of {@code prototype}'s type from an event's data. */
    <Q extends Message> Q read(ObjectNode data, Q prototype) throws FrameException {
        Descriptor descriptor = prototype.getDescriptorForType();
        Message.Builder request = prototype.newBuilderForType();
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            FieldDescriptor field = fieldNamed(descriptor, name).orElseThrow(() -> unknownField(descriptor, name));
            if (!hasJsonType(field, value)) {
                throw wrongType(name, field);
            }
            try {
                parser.merge(JsonNodeFactory.instance.objectNode().set(name, value).toString(), request);
            } catch (InvalidProtocolBufferException e) {
                // Right JSON type, wrong value: an int32 out of range, a malformed timestamp. JsonFormat's
                // message quotes the value; the client gets the expected form instead.
                throw wrongType(name, field);
            }
        }
        @SuppressWarnings("unchecked") // a builder of Q's descriptor builds a Q
        Q built = (Q) request.build();
        return built;
    }

    /** Writes a response as a JSON object without whitespace. */
    String print(MessageOrBuilder response) {
        try {
            return printer.print(response);
        } catch (InvalidProtocolBufferException e) {
            // JsonFormat fails only on an Any of an unregistered type; no Herald response holds an Any.
            throw new IllegalStateException("cannot print " + response.getDescriptorForType().getFullName(), e);
        }
    }

    private static Optional<FieldDescriptor> fieldNamed(Descriptor descriptor, String jsonName) {
        return descriptor.getFields().stream().filter(field -> field.getJsonName().equals(jsonName)).findFirst();
    }

    private static boolean hasJsonType(FieldDescriptor field, JsonNode value) {
        if (value.isNull()) {
            return true;
        }
        if (field.isMapField()) {
            return value.isObject();
        }
        if (!field.isRepeated()) {
            return hasScalarJsonType(field, value);
        }
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode element : value) {
            if (!hasScalarJsonType(field, element)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasScalarJsonType(FieldDescriptor field, JsonNode value) {
        return switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
            case INT -> value.isIntegralNumber();
            // proto3 JSON writes 64-bit integers as strings; both forms are read.
            case LONG -> value.isIntegralNumber() || value.isTextual();
            case FLOAT, DOUBLE -> value.isNumber();
            case ENUM -> value.isTextual() || value.isIntegralNumber();
            case MESSAGE -> isWrittenAsString(field.getMessageType()) ? value.isTextual() : value.isObject();
        };
    }

    private static boolean isWrittenAsString(Descriptor message) {
        return message.equals(Timestamp.getDescriptor()) || message.equals(Duration.getDescriptor());
    }

    private static FrameException unknownField(Descriptor descriptor, String name) {
        String quoted = name.length() <= MAX_QUOTED_FIELD ? name : name.substring(0, MAX_QUOTED_FIELD) + "...";
        String expected = descriptor.getFields().isEmpty()
                ? "no fields"
                : descriptor.getFields().stream().map(FieldDescriptor::getJsonName).collect(Collectors.joining(", "));
        return FrameException.invalid("unknown field: " + quoted + " (expected: " + expected + ")", quoted);
    }

    private static FrameException wrongType(String name, FieldDescriptor field) {
        Kind kind = kind(field);
        return FrameException.invalid(
                name + " must be " + (field.isRepeated() ? "an array of " + kind.many() : kind.one()), name);
    }

    /** How a field's value is described to the client, alone and in an array. */
    private record Kind(String one, String many) {}

    private static Kind kind(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case STRING -> new Kind("a string", "strings");
            case BYTE_STRING -> new Kind("a base64 string", "base64 strings");
            case BOOLEAN -> new Kind("a boolean", "booleans");
            case INT -> new Kind("a 32-bit integer", "32-bit integers");
            case LONG -> new Kind("a 64-bit integer", "64-bit integers");
            case FLOAT, DOUBLE -> new Kind("a number", "numbers");
            case ENUM -> new Kind("an enum value name", "enum value names");
            case MESSAGE -> {
                Descriptor message = field.getMessageType();
                if (message.equals(Timestamp.getDescriptor())) {
                    yield new Kind("an RFC 3339 timestamp such as 2026-11-25T20:00:00Z", "RFC 3339 timestamps");
                }
                if (message.equals(Duration.getDescriptor())) {
                    yield new Kind("a duration such as 1.5s", "durations such as 1.5s");
                }
                yield new Kind("an object", "objects");
            }
        };
    }
}
