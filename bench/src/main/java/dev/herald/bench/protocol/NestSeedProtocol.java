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
 * The seed stack's protocol (its {@code bench/protocols/nest-seed.mjs}): frames {@code {"event","data"}} with the
 * token in every event, {@code online} answered by an {@code online} event, no answer to a {@code message} (so no
 * acks, and error frames name no message), rows in {@code user_messages} and {@code users_recevies}.
 */
public final class NestSeedProtocol implements Protocol {

    static final String NAME = "nest-seed";
    private static final int MAX_ERROR_KIND = 120;
    private static final Inbound OTHER = new Inbound.Other();
    private static final Inbound ONLINE_ACK = new Inbound.OnlineAck();

    private final ObjectMapper mapper;
    private final FrameWriter writer;

    public NestSeedProtocol(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper");
        this.writer = new FrameWriter(mapper.getFactory());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI defaultUrl() {
        return URI.create("ws://127.0.0.1:3100/");
    }

    @Override
    public String defaultJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/nestseed?user=postgres";
    }

    @Override
    public boolean acksMessages() {
        return false;
    }

    @Override
    public String onlineFrame(BenchUser user) {
        return writer.write(json -> {
            json.writeStringField("event", "online");
            json.writeObjectFieldStart("data");
            json.writeStringField("token", user.token());
            json.writeEndObject();
        });
    }

    @Override
    public String messageFrame(BenchUser sender, List<String> receiverIds, String title, String body, long seq) {
        return writer.write(json -> {
            json.writeStringField("event", "message");
            json.writeObjectFieldStart("data");
            json.writeStringField("token", sender.token());
            json.writeStringField("title", title);
            json.writeStringField("body", body);
            json.writeStringField("type", "bench");
            FrameWriter.stringArray(json, "receivers", receiverIds);
            json.writeEndObject();
        });
    }

    /** Never called: the command line refuses {@code --mode room} with this protocol (the seed has no rooms). */
    @Override
    public String roomMessageFrame(String roomId, String title, String body, long seq) {
        throw new UnsupportedOperationException("the seed stack has no rooms");
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
            case "online" -> ONLINE_ACK;
            case "message" -> data.has("title")
                    ? new Inbound.Delivery(data.path("title").asText(), data.path("body").asText(),
                                           data.path("sender").path("id").asText())
                    : OTHER;
            case "exception" -> new Inbound.Failure(OptionalLong.empty(), errorKind(data));
            default -> OTHER;
        };
    }

    @Override
    public RowQueries rowQueries() {
        return new RowQueries(
                "select (select count(*) from user_messages where title = ?),"
                + " (select count(*) from users_recevies r join user_messages m on m.id = r.\"messageId\""
                + " where m.title = ?)",
                "select split_part(m.body, '|', 2), count(r.id) from user_messages m"
                + " left join users_recevies r on r.\"messageId\" = m.id where m.title = ? group by m.id");
    }

    /** The error's message as JSON text, cut to 120 characters, as the seed's generator keys it. */
    private static String errorKind(JsonNode data) {
        final JsonNode message = data.has("message") ? data.get("message") : data;
        final String kind = message.toString();
        return kind.length() > MAX_ERROR_KIND ? kind.substring(0, MAX_ERROR_KIND) : kind;
    }
}
