package dev.herald.bench.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.identity.BenchUser;
import java.net.URI;
import java.util.List;

/**
 * Herald's gateway protocol: frames {@code {"event","id","data"}}; {@code online} and {@code message} are
 * answered by an {@code ack} with the same id (the message ack only once JetStream has it), errors by an
 * {@code exception} with the id and a {@code status}. A message's request id is its seq.
 */
public final class HeraldProtocol implements Protocol {

    static final String NAME = "herald";
    private static final String ONLINE_ID = "online";

    private final FrameWriter writer;
    private final HeraldFrameReader reader;

    public HeraldProtocol(ObjectMapper mapper) {
        requireNonNull(mapper, "mapper");
        this.writer = new FrameWriter(mapper.getFactory());
        this.reader = new HeraldFrameReader();
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
    public String roomMessageFrame(String roomId, String title, String body, long seq) {
        return writer.write(json -> {
            json.writeStringField("event", "message");
            json.writeStringField("id", Long.toString(seq));
            json.writeObjectFieldStart("data");
            json.writeStringField("room", roomId);
            json.writeStringField("title", title);
            json.writeStringField("body", body);
            json.writeStringField("type", "bench");
            json.writeEndObject();
        });
    }

    @Override
    public Inbound decode(String text) {
        return reader.read(text);
    }

    @Override
    public RowQueries rowQueries() {
        return new RowQueries(
                "select (select count(*) from messages where title = ?),"
                + " (select count(*) from receipts r join messages m on m.id = r.message_id where m.title = ?)",
                "select split_part(m.body, '|', 2), count(r.message_id) from messages m"
                + " left join receipts r on r.message_id = m.id where m.title = ? group by m.id");
    }
}
