package dev.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages over {@code HERALD_MAX_FRAME_BYTES}, whatever their size, end their socket with 1009, refused from the
 * frame header; a bystander keeps getting its deliveries. Sent by a raw client, which can announce any length
 * and send as little of it as it likes.
 */
class OversizedFramesIT {

    @RegisterExtension
    static final GatewayExtension env = new GatewayExtension();

    private static final String REASON = "message over 65536 bytes";
    private static String alice;
    private static String bob;
    private static TestClient sender;
    private static TestClient bystander;

    @BeforeAll
    static void bystander() throws Exception {
        assertThat(env.config().maxFrameBytes()).isEqualTo(65_536);
        alice = GatewayExtension.user("alice");
        bob = GatewayExtension.user("bob");
        sender = env.online(alice);
        bystander = env.online(bob);
    }

    /** limit + 1, 4x + 1 (past Tyrus's buffer, which used to close with 1011), 16x (1 MiB), 256x (16 MiB). */
    @ParameterizedTest
    @ValueSource(longs = {65_537, 4 * 65_536 + 1, 16 * 65_536, 256 * 65_536})
    void closesWith1009WhateverTheFrameSize(long length) throws Exception {
        try (RawWebSocket raw = signedIn()) {
            raw.sendHeader(RawWebSocket.TEXT, true, length);
            sendUnlessClosed(raw, length);

            assertClosedTooBig(raw);
        }
        assertBystanderServed();
    }

    @Test
    void closesWith1009OnAHeaderAnnouncingAHugeLength() throws Exception {
        try (RawWebSocket raw = signedIn()) {
            raw.sendHeader(RawWebSocket.TEXT, true, Long.MAX_VALUE);

            assertClosedTooBig(raw);
        }
        assertBystanderServed();
    }

    @Test
    void countsTheFragmentsOfAMessageTogether() throws Exception {
        try (RawWebSocket raw = signedIn()) {
            raw.sendHeader(RawWebSocket.TEXT, false, 40_000);
            raw.sendPayload(40_000);
            raw.sendHeader(RawWebSocket.CONTINUATION, true, 40_000);
            raw.sendPayload(40_000);

            assertClosedTooBig(raw);
        }
        assertBystanderServed();
    }

    /** Before sign-in the limit is HERALD_PREAUTH_MAX_FRAME_BYTES (8192), in the same way. */
    @Test
    void closesAnUnauthenticatedSocketTheSameWayAtItsSmallerLimit() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(env.gateway().port())) {
            raw.sendHeader(RawWebSocket.TEXT, true, 1 << 20);
            sendUnlessClosed(raw, 1 << 20);

            assertClosedTooBig(raw, "message over 8192 bytes");
        }
    }

    private static RawWebSocket signedIn() throws Exception {
        RawWebSocket raw = RawWebSocket.connect(env.gateway().port());
        raw.sendText("{\"event\":\"online\",\"id\":\"o\",\"data\":{\"token\":\"" + env.token(alice) + "\"}}");
        JsonNode ack = TestClient.JSON.readTree(raw.read().text());
        assertThat(ack.path("event").asText()).as("online ack: %s", ack).isEqualTo("ack");
        return raw;
    }

    /**
     * Sends the payload, as far as the gateway lets it: it closes the connection right behind its close frame,
     * so a client still writing a large frame sees the write fail (broken pipe or reset) and reads the close.
     */
    private static void sendUnlessClosed(RawWebSocket raw, long length) {
        try {
            raw.sendPayload(length);
        } catch (IOException closedMidFrame) {
            // The 1009 close frame is already in the client's receive buffer.
        }
    }

    private static void assertClosedTooBig(RawWebSocket raw) throws Exception {
        assertClosedTooBig(raw, REASON);
    }

    static void assertClosedTooBig(RawWebSocket raw, String reason) throws Exception {
        RawWebSocket.Frame frame = raw.read();
        assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(frame.closeCode()).isEqualTo(1009);
        assertThat(frame.closeReason()).isEqualTo(reason);
    }

    private static void assertBystanderServed() throws Exception {
        sender.message("m", "still here", bob);
        assertThat(sender.next().path("event").asText()).isEqualTo("ack");
        JsonNode delivered = bystander.next();
        assertThat(delivered.path("event").asText()).isEqualTo("message");
        assertThat(delivered.at("/data/body").asText()).isEqualTo("still here");
        assertThat(bystander.isOpen()).isTrue();
    }
}
