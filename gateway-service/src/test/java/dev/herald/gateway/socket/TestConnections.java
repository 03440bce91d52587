package dev.herald.gateway.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.protocol.EventCodec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Connections whose frames land in a list, for tests without sockets. */
final class TestConnections {

    static final EventCodec CODEC = new EventCodec(new ObjectMapper(), Set.of());

    private TestConnections() {}

    /** A connection that records every frame it is asked to send, by identity. */
    record Recorded(Connection connection, List<String> frames) {}

    static Recorded connection(String id) {
        List<String> frames = new CopyOnWriteArrayList<>();
        Connection connection = new Connection(id, CODEC, 16, (text, onWritten) -> {
            frames.add(text);
            onWritten.run();
        }, (code, reason) -> {});
        return new Recorded(connection, frames);
    }
}
