package dev.herald.bench.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.identity.BenchUser;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

/**
 * Herald's gateway protocol: frames {@code {"event","id","data"}}; {@code online} and {@code message} are
 * answered by an {@code ack} with the same id (the message ack only once JetStream has it), errors by an
 * {@code exception} with the id and a {@code status}. A message's request id is its seq.
 */
public final class HeraldProtocol implements Protocol {

    static final String NAME = "herald";
    private static final String ONLINE_ID = "online";
    private static final Inbound OTHER = new Inbound.Other();
    private static final Inbound ONLINE_ACK = new Inbound.OnlineAck();

    private final ObjectMapper mapper;
    private final FrameWriter writer;

    public HeraldProtocol(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper");
        this.writer = new FrameWriter(mapper.getFactory());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI defaultUrl() {
        return URI.create("ws://127.0.0.1:8080/ws");
    }

    @Override
    public String defaultJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/herald?user=postgres";
    }

    @Override
    public boolean acksMessages() {
        return true;
    }

    @Override
    public String onlineFrame(BenchUser user) {
        return writer.write(json -> {
            json.writeStringField("event", "online");
            json.writeStringField("id", ONLINE_ID);
            json.writeObjectFieldStart("data");
            json.writeStringField("token", user.token());
            json.writeEndObject();
        });
    }

    @Override
    public String messageFrame(BenchUser sender, List<String> receiverIds, String title, String body, long seq) {
        return writer.write(json -> {
            json.writeStringField("event", "message");
            json.writeStringField("id", Long.toString(seq));
            json.writeObjectFieldStart("data");
            FrameWriter.stringArray(json, "receivers", receiverIds);
            json.writeStringField("title", title);
            json.writeStringField("body", body);
            json.writeStringField("type", "bench");
            json.writeEndObject();
        });
    }

    @Override
    public Inbound decode(String text) {
        final JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // Not JSON: nothing the generator can act on.
            return OTHER;
        }
        final JsonNode data = frame.path("data");
        return switch (frame.path("event").asText()) {
            case "message" -> data.has("title")
                    ? new Inbound.Delivery(data.path("title").asText(), data.path("body").asText(),
                                           data.path("sender").path("id").asText())
                    : OTHER;
            case "ack" -> {
                if (data.has("user")) {
                    yield ONLINE_ACK;
                }
                final OptionalLong seq = seq(frame.path("id"));
                yield seq.isPresent() ? new Inbound.MessageAck(seq.getAsLong()) : OTHER;
            }
            case "exception" -> new Inbound.Failure(seq(frame.path("id")), data.path("status").asText("UNKNOWN"));
            default -> OTHER;
        };
    }

    @Override
    public RowQueries rowQueries() {
        return new RowQueries(
                "select (select count(*) from messages where title = ?),"
                + " (select count(*) from receipts r join messages m on m.id = r.message_id where m.title = ?)",
                "select split_part(m.body, '|', 2), count(r.message_id) from messages m"
                + " left join receipts r on r.message_id = m.id where m.title = ? group by m.id");
    }

    private static OptionalLong seq(JsonNode id) {
        if (id.isIntegralNumber()) {
            return OptionalLong.of(id.longValue());
        }
        if (id.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(id.textValue()));
            } catch (NumberFormatException e) {
                // The online request's id, or another client's: not a message of this run.
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
