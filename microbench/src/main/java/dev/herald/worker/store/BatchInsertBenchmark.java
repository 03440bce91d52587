package dev.herald.worker.store;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import dev.herald.worker.decode.EventDecoder;
import dev.herald.worker.decode.SequencedEvent;
import dev.herald.worker.decode.UndecodableEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The persistence worker building one batch insert, everything before PostgreSQL: decode the batch's stream
 * records, turn them into deduplicated, sorted rows ({@link RowBatch}), derive the receipts and write both as COPY
 * text, as {@code BatchWriter} does on its fast path. In this package because those steps are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchInsertBenchmark {

    /** The worker's default batch size. */
    @Param({"1000"})
    public int messages;

    @Param({"1", "10"})
    public int receivers;

    private List<byte[]> records;

    @Setup
    public void setUp() {
        records = new ArrayList<>();
        long createdMillis = 1_795_000_000_000L;
        for (int i = 0; i < messages; i++) {
            Message.Builder message = Message.newBuilder()
                    .setId(new UUID(0x01936f8e7b1c7d3eL + i, 0x9a4b5c6d7e8f9a0bL + i).toString())
                    .setSender(User.newBuilder().setId("user-" + (i % 100)).setName("User " + (i % 100)))
                    .setTitle("bench")
                    .setBody("123456789012345|" + i + "|" + "x".repeat(100))
                    .setType("text")
                    .setClientId("client-" + i)
                    .setCreatedAt(Timestamp.newBuilder().setSeconds((createdMillis + i) / 1000)
                            .setNanos((int) ((createdMillis + i) % 1000) * 1_000_000));
            for (int r = 0; r < receivers; r++) {
                message.addReceivers("user-" + ((i + r + 1) % 1000));
            }
            records.add(StreamEvent.newBuilder().setMessageCreated(message).build().toByteArray());
        }
    }

    /** Returns the bytes COPY would send, so nothing is optimized away. */
    @Benchmark
    public int buildBatchInsert() throws UndecodableEventException {
        List<SequencedEvent> events = new ArrayList<>(records.size());
        long sequence = 1;
        for (byte[] record : records) {
            events.add(new SequencedEvent(sequence++, EventDecoder.decode(record)));
        }
        RowBatch batch = RowBatch.of(events);
        List<RowBatch.ReceiptRow> receipts = batch.allReceipts();
        if (!CopyMessages.canCarry(batch.messages()) || !CopyReceipts.canCarry(receipts)) {
            throw new IllegalStateException("the bench rows must travel by COPY");
        }
        return new CopyMessages(batch.messages()).text().bytes().length
                + new CopyReceipts(receipts).text().bytes().length;
    }
}
