package dev.herald.microbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.EventCodec;
import dev.herald.gateway.protocol.FrameException;
import dev.herald.gateway.protocol.ServerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * The gateway's own codec on one direct message: reading a client's {@code message} frame into a send (tree,
 * envelope checks, the event's fields) and writing the {@code message} event its receivers get as UTF-8 (written
 * once per delivery, whatever the number of sockets).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayFrameBenchmark {

    @Param({"1", "100", "999"})
    public int receivers;

    private EventCodec codec;
    private String clientFrame;
    private ServerEvent.Delivered delivered;

    @Setup
    public void setUp() {
        codec = new EventCodec(new ObjectMapper(), Set.of());
        List<String> receiverIds = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            receiverIds.add("user-" + (i + 2));
        }
        String body = "123456789012345|42|" + "x".repeat(100);
        StringBuilder frame = new StringBuilder("{\"id\":\"42\",\"event\":\"message\",\"data\":{\"receivers\":[");
        for (int i = 0; i < receiverIds.size(); i++) {
            frame.append(i == 0 ? "" : ",").append('"').append(receiverIds.get(i)).append('"');
        }
        clientFrame = frame.append("],\"title\":\"bench\",\"body\":\"").append(body)
                .append("\",\"type\":\"text\",\"clientId\":\"c-42\"}}").toString();
        delivered = new ServerEvent.Delivered("01936f8e-7b1c-7d3e-9a4b-5c6d7e8f9a0b", "user-1", "User One",
                receiverIds, "bench", body, "text", Instant.parse("2026-11-25T20:00:00.123Z"));
    }

    /** What the gateway does with each {@code message} frame a socket sends, before it calls the message-service. */
    @Benchmark
    public ClientEvent decodeMessage() throws FrameException {
        return codec.readEvent(codec.readFrame(clientFrame));
    }

    /** What the gateway does once per delivery of a message, before it queues the bytes on the sockets. */
    @Benchmark
    public byte[] encodeDelivery() {
        return codec.encodeUtf8(delivered);
    }
}
