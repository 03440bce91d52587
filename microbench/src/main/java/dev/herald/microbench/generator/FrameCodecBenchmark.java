package dev.herald.microbench.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.protocol.HeraldProtocol;
import dev.herald.bench.protocol.Inbound;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generator's own per-message costs through {@link HeraldProtocol}: writing a {@code message} frame and
 * reading a delivery. The gateway's side of the same frames is {@code GatewayFrameBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameCodecBenchmark {

    @Param({"1", "100"})
    public int receivers;

    private ObjectMapper mapper;
    private HeraldProtocol protocol;
    private BenchUser sender;
    private List<String> receiverIds;
    private String body;
    private String clientFrame;
    private String deliveryFrame;

    @Setup
    public void setUp() throws IOException {
        mapper = new ObjectMapper();
        protocol = new HeraldProtocol(mapper);
        sender = new BenchUser("u1", "u1", "header.payload.signature");
        receiverIds = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            receiverIds.add("u" + (i + 2));
        }
        body = "123456789012345|42|" + "x".repeat(100);
        clientFrame = protocol.messageFrame(sender, receiverIds, "bench-direct-run", body, 42);
        deliveryFrame = deliveryFrame();
    }

    /** The generator writing one {@code message} frame. */
    @Benchmark
    public String generatorEncodeMessage() {
        return protocol.messageFrame(sender, receiverIds, "bench-direct-run", body, 42);
    }

    /** The generator reading one delivery. */
    @Benchmark
    public Inbound generatorDecodeDelivery() {
        return protocol.decode(deliveryFrame);
    }

    /** A delivery as Herald's gateway writes it. */
    private String deliveryFrame() throws IOException {
        final StringWriter out = new StringWriter(256);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event", "message");
            json.writeObjectFieldStart("data");
            json.writeStringField("id", "01936f8e-7b1c-7d3e-9a4b-5c6d7e8f9a0b");
            json.writeObjectFieldStart("sender");
            json.writeStringField("id", sender.id());
            json.writeStringField("name", sender.name());
            json.writeEndObject();
            json.writeArrayFieldStart("receivers");
            for (String receiver : receiverIds) {
                json.writeString(receiver);
            }
            json.writeEndArray();
            json.writeStringField("title", "bench-direct-run");
            json.writeStringField("body", body);
            json.writeStringField("type", "bench");
            json.writeStringField("createdAt", "2026-11-25T20:00:00.123Z");
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toString();
    }
}
