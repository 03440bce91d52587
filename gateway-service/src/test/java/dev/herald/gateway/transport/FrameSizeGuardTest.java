package dev.herald.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the guard hands on to Tyrus, byte for byte, and when it refuses. */
class FrameSizeGuardTest {

    private static final int LIMIT = 100;

    private final FrameSizeGuard guard = new FrameSizeGuard(LIMIT);
    private final Recorder tyrus = new Recorder();

    @Test
    void forwardsFramesWithinTheLimitUnchanged() {
        byte[] stream = concat(frame(0x1, true, LIMIT), frame(0x1, true, 0), frame(0x9, true, 5), frame(0x2, true, 7));

        guard.read(ByteBuffer.wrap(stream), tyrus);

        assertThat(tyrus.forwarded()).isEqualTo(stream);
        assertThat(tyrus.refusals).isZero();
    }

    @Test
    void forwardsTheSameBytesWhateverHowTheReadsSplitThem() {
        byte[] stream = concat(frame(0x1, true, 3), frame(0x1, false, 60), frame(0x0, true, 40),
                frame(0x1, true, 150));
        for (int size = 1; size <= stream.length; size++) {
            FrameSizeGuard split = new FrameSizeGuard(200);
            Recorder recorder = new Recorder();

            for (int start = 0; start < stream.length; start += size) {
                split.read(ByteBuffer.wrap(stream, start, Math.min(size, stream.length - start)), recorder);
            }

            assertThat(recorder.forwarded()).as("reads of %s bytes", size).isEqualTo(stream);
            assertThat(recorder.refusals).isZero();
        }
    }

    @Test
    void refusesAFrameOverTheLimitFromItsHeaderAndForwardsWhatCameBefore() {
        byte[] before = frame(0x1, true, 10);
        byte[] stream = concat(before, frame(0x1, true, LIMIT + 1));

        guard.read(ByteBuffer.wrap(stream), tyrus);

        assertThat(tyrus.forwarded()).isEqualTo(before);
        assertThat(tyrus.refusals).isEqualTo(1);
    }

    @Test
    void refusesAHeaderAnnouncingAHugeLengthWithoutItsPayload() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x7f, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, 4};

        guard.read(ByteBuffer.wrap(header), tyrus);
        guard.read(ByteBuffer.wrap(new byte[4096]), tyrus);

        assertThat(tyrus.forwarded()).isEmpty();
        assertThat(tyrus.refusals).isEqualTo(1);
    }

    @Test
    void treatsA64BitLengthWithItsTopBitSetAsTooBig() {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), -1, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, 4};

        guard.read(ByteBuffer.wrap(header), tyrus);

        assertThat(tyrus.refusals).isEqualTo(1);
    }

    @Test
    void countsEveryFragmentOfAMessage() {
        byte[] first = frame(0x1, false, 60);
        byte[] ping = frame(0x9, true, 4);
        byte[] stream = concat(first, ping, frame(0x0, false, 41));

        guard.read(ByteBuffer.wrap(stream), tyrus);

        assertThat(tyrus.forwarded()).isEqualTo(concat(first, ping));
        assertThat(tyrus.refusals).isEqualTo(1);
    }

    @Test
    void startsCountingAgainWithEachMessage() {
        byte[] stream = concat(frame(0x1, false, 60), frame(0x0, true, 40), frame(0x1, false, 60), frame(0x0, true, 40));

        guard.read(ByteBuffer.wrap(stream), tyrus);

        assertThat(tyrus.forwarded()).isEqualTo(stream);
        assertThat(tyrus.refusals).isZero();
    }

    @Test
    void afterARefusalDropsEverythingButCloseFrames() {
        byte[] close = frame(0x8, true, 2);
        byte[] stream = concat(frame(0x1, true, 5000), frame(0x1, true, 3), frame(0x9, true, 1), close);

        for (int start = 0; start < stream.length; start += 7) {
            guard.read(ByteBuffer.wrap(stream, start, Math.min(7, stream.length - start)), tyrus);
        }

        assertThat(tyrus.forwarded()).isEqualTo(close);
        assertThat(tyrus.refusals).isEqualTo(1);
    }

    @Test
    void handsTyrusNoSliceLargerThanTheLimit() {
        byte[] stream = concat(frame(0x1, true, LIMIT), frame(0x1, true, LIMIT), frame(0x1, true, LIMIT));

        guard.read(ByteBuffer.wrap(stream), tyrus);

        assertThat(tyrus.slices).allMatch(slice -> slice.length <= LIMIT);
        assertThat(tyrus.forwarded()).isEqualTo(stream);
    }

    /** A masked client frame with a payload of {@code length} bytes. */
    private static byte[] frame(int opcode, boolean fin, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length <= 0xffff) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift) & 0xff);
            }
        }
        out.writeBytes(new byte[] {9, 8, 7, 6});
        for (int i = 0; i < length; i++) {
            out.write(i % 251);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static final class Recorder implements FrameSizeGuard.Sink {

        final List<byte[]> slices = new ArrayList<>();
        int refusals;

        @Override
        public void forward(ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            slices.add(copy);
        }

        @Override
        public void refuse(int limit) {
            refusals++;
        }

        byte[] forwarded() {
            return concat(slices.toArray(byte[][]::new));
        }
    }
}
