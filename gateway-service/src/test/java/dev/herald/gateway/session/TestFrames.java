package dev.herald.gateway.session;

import java.nio.charset.StandardCharsets;

/** Frames from text, as tests write them; the gateway itself frames the codec's UTF-8 bytes. */
final class TestFrames {

    private TestFrames() {
    }

    static OutboundFrame text(String text) {
        return OutboundFrame.text(text.getBytes(StandardCharsets.UTF_8));
    }
}
