package dev.herald.bench.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes one JSON text frame with a streaming generator: no tree, and strings escaped properly. */
final class FrameWriter {

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private final JsonFactory factory;

    FrameWriter(JsonFactory factory) {
        this.factory = factory;
    }

    String write(Body body) {
        final StringWriter out = new StringWriter(192);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    static void stringArray(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
