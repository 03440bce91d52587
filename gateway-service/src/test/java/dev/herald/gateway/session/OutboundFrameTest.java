package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The frame header of RFC 6455 §5.2 for each of its three length forms, and views that do not interfere. */
class OutboundFrameTest {

    @Test
    void shortPayloadsHaveTheLengthInTheSecondByte() {
        assertThat(header(TestFrames.text(""), 2)).containsExactly(0x81, 0);
        assertThat(header(TestFrames.text("x".repeat(125)), 2)).containsExactly(0x81, 125);
        assertThat(TestFrames.text("x".repeat(125)).bytes().remaining()).isEqualTo(2 + 125);
    }

    @Test
    void payloadsUpTo65535BytesHaveA16BitLength() {
        assertThat(header(TestFrames.text("x".repeat(126)), 4)).containsExactly(0x81, 126, 0, 126);
        assertThat(header(TestFrames.text("x".repeat(65_535)), 4)).containsExactly(0x81, 126, 0xff, 0xff);
        assertThat(TestFrames.text("x".repeat(65_535)).bytes().remaining()).isEqualTo(4 + 65_535);
    }

    @Test
    void largerPayloadsHaveA64BitLength() {
        assertThat(header(TestFrames.text("x".repeat(65_536)), 10))
                .containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThat(TestFrames.text("x".repeat(65_536)).bytes().remaining()).isEqualTo(10 + 65_536);
    }

    @Test
    void theLengthCountsUtf8BytesNotChars() {
        String text = "é".repeat(63) + "😀"; // 126 + 4 bytes, 65 chars

        OutboundFrame frame = TestFrames.text(text);

        assertThat(frame.payloadLength()).isEqualTo(130);
        assertThat(header(frame, 4)).containsExactly(0x81, 126, 0, 130);
        assertThat(frame.payloadText()).isEqualTo(text);
    }

    @Test
    void thePayloadFollowsTheHeaderUnmasked() {
        ByteBuffer bytes = TestFrames.text("{\"a\":1}").bytes();
        bytes.position(2);

        assertThat(StandardCharsets.UTF_8.decode(bytes).toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void everyViewStartsAtTheBeginningWhateverOthersRead() {
        OutboundFrame frame = TestFrames.text("shared");
        ByteBuffer first = frame.bytes();
        first.position(first.limit());

        ByteBuffer second = frame.bytes();

        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(2 + 6);
        assertThat(frame.payloadText()).isEqualTo("shared");
    }

    @Test
    void viewsAreReadOnlyOnTheHeapForOneSocket() {
        ByteBuffer view = TestFrames.text("x").bytes();

        assertThat(view.isDirect()).isFalse();
        assertThatThrownBy(() -> view.put(0, (byte) 0)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void aSharedFrameHasTheSameBytesInADirectReadOnlyBuffer() {
        byte[] utf8 = "{\"to\":\"é\"}".getBytes(StandardCharsets.UTF_8);

        ByteBuffer shared = OutboundFrame.shared(utf8).bytes();

        assertThat(shared.isDirect()).isTrue();
        assertThat(shared).isEqualTo(OutboundFrame.text(utf8).bytes());
        assertThatThrownBy(() -> shared.put(0, (byte) 0)).isInstanceOf(ReadOnlyBufferException.class);
    }

    private static int[] header(OutboundFrame frame, int length) {
        ByteBuffer bytes = frame.bytes();
        int[] header = new int[length];
        for (int i = 0; i < length; i++) {
            header[i] = bytes.get() & 0xff;
        }
        return header;
    }
}
