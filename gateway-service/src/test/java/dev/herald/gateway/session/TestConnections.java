package dev.herald.gateway.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.metrics.GatewayMeters;
import dev.herald.gateway.protocol.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import dev.herald.logging.RepeatingWarning;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Connections whose frames land in a list, for tests without sockets. */
final class TestConnections {

    static final EventCodec CODEC = new EventCodec(new ObjectMapper(), Set.of());

    /** Meters nobody reads, for the classes that record. */
    static GatewayMeters meters() {
        return GatewayMeters.register(new SimpleMeterRegistry(), Set.of(), Clock.systemUTC());
    }

    private TestConnections() {}

    /** A connection that records every frame it is asked to send, by identity. */
    record Recorded(Connection connection, List<OutboundFrame> frames) {

        /** The payloads of the frames sent so far. */
        List<String> texts() {
            return frames.stream().map(OutboundFrame::payloadText).toList();
        }
    }

    static Recorded connection(String id) {
        List<OutboundFrame> frames = new CopyOnWriteArrayList<>();
        Connection connection = new Connection(id, CODEC, 16, 1 << 20, 64, new ClientSocket() {
            @Override
            public void write(OutboundFrame frame, Runnable onWritten) {
                frames.add(frame);
                onWritten.run();
            }

            @Override
            public void signedIn() {
            }

            @Override
            public void close(CloseCode code, String reason) {
            }
        }, new RepeatingWarning(LoggerFactory.getLogger(TestConnections.class)), meters().sockets());
        return new Recorded(connection, frames);
    }
}
