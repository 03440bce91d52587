package dev.herald.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.session.OutboundFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Frames written raw to a real Tyrus server socket, read by the JDK's WebSocket client (an independent
 * implementation that validates headers and UTF-8).
 */
@Timeout(60)
class RawFrameTransportTest {

    private final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
    private final BlockingQueue<Session> closed = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerContainer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(RecordingEndpoint.class, "/raw")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(new RecordingEndpoint(opened, closed));
                    }
                })
                .build();
        server = ServerContainerFactory.createServerContainer(Map.of());
        server.addEndpoint(config);
        server.start("/", 0);
        port = ((TyrusServerContainer) server).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
        // Not close(): it waits for every WebSocket to finish, and a socket whose close handshake
        // raced the server's stop can keep it waiting forever.
        http.shutdownNow();
    }

    @Test
    void writesFramesOfEveryLengthFormInOrder() throws Exception {
        Client client = connect();
        RawFrameTransport transport = RawFrameTransport.of(opened.poll(5, TimeUnit.SECONDS));
        List<String> texts = List.of("", "a", "x".repeat(125), "é".repeat(63), "y".repeat(65_535),
                "ü".repeat(40_000) + "😀", "{\"event\":\"message\",\"data\":{\"body\":\"hi\"}}");
        CountDownLatch written = new CountDownLatch(texts.size());

        for (String text : texts) {
            transport.send(frame(text), written::countDown);
        }

        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        for (String text : texts) {
            assertThat(client.next()).isEqualTo(text);
        }
    }

    @Test
    void writesSeveralFramesInOneWriteIntactAndInOrder() throws Exception {
        Client client = connect();
        RawFrameTransport transport = RawFrameTransport.of(opened.poll(5, TimeUnit.SECONDS));
        List<String> texts = List.of("a", "", "x".repeat(125), "y".repeat(126), "é".repeat(40_000) + "😀",
                "{\"event\":\"ack\",\"id\":\"m1\"}");
        List<String> after = List.of("after", "the batch");
        CountDownLatch written = new CountDownLatch(2);

        transport.sendAll(texts.stream().map(RawFrameTransportTest::frame).toList(), written::countDown);
        transport.sendAll(after.stream().map(RawFrameTransportTest::frame).toList(), written::countDown);

        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        for (String text : texts) {
            assertThat(client.next()).isEqualTo(text);
        }
        for (String text : after) {
            assertThat(client.next()).isEqualTo(text);
        }
    }

    @Test
    void writesOneFrameToManySockets() throws Exception {
        Client first = connect();
        RawFrameTransport toFirst = RawFrameTransport.of(opened.poll(5, TimeUnit.SECONDS));
        Client second = connect();
        RawFrameTransport toSecond = RawFrameTransport.of(opened.poll(5, TimeUnit.SECONDS));
        String text = "{\"receivers\":[" + "\"u1\",".repeat(999) + "\"u2\"]}";
        OutboundFrame frame = frame(text);
        CountDownLatch written = new CountDownLatch(6);

        for (int i = 0; i < 3; i++) {
            toFirst.send(frame, written::countDown);
            toSecond.send(frame, written::countDown);
        }

        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(first.next()).isEqualTo(text);
            assertThat(second.next()).isEqualTo(text);
        }
    }

    @Test
    void releasesAFrameSentAfterTheSocketClosed() throws Exception {
        Client client = connect();
        Session session = opened.poll(5, TimeUnit.SECONDS);
        RawFrameTransport transport = RawFrameTransport.of(session);
        client.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        assertThat(closed.poll(5, TimeUnit.SECONDS)).isSameAs(session);
        CountDownLatch released = new CountDownLatch(1);

        // The outbound queue needs one of the two (a refusal or a failed write) to free the frame's slot.
        try {
            transport.send(frame("late"), released::countDown);
        } catch (RuntimeException refused) {
            released.countDown();
        }

        assertThat(released.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static OutboundFrame frame(String text) {
        return OutboundFrame.text(text.getBytes(StandardCharsets.UTF_8));
    }

    private Client connect() {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/raw"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .join();
        return new Client(socket, received);
    }

    private record Client(WebSocket socket, BlockingQueue<String> received) {

        String next() throws InterruptedException {
            String text = received.poll(5, TimeUnit.SECONDS);
            assertThat(text).as("a frame within 5 s").isNotNull();
            return text;
        }
    }

    /** Hands each opened and closed session to the test. Public: Tyrus instantiates endpoints reflectively. */
    public static final class RecordingEndpoint extends Endpoint {

        private final BlockingQueue<Session> opened;
        private final BlockingQueue<Session> closed;

        RecordingEndpoint(BlockingQueue<Session> opened, BlockingQueue<Session> closed) {
            this.opened = opened;
            this.closed = closed;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.add(session);
        }
    }
}
