package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import dev.herald.proto.v1.SyncRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Keyset pagination through 10,000 received messages, 100 at a time: each exactly once, in order. */
class PagingIT {

    static final int MESSAGES = 10_000;

    @Test
    void pagingThroughTenThousandMessagesReturnsEachExactlyOnce() throws Exception {
        // One writer with 500 sends in flight and one reader paging 200 times: a load test of paging, not of the
        // per-user limits, which would refuse most of it.
        try (HeraldStack stack = HeraldStack.start(Map.of(
                "HERALD_USER_SEND_BURST", String.valueOf(2 * MESSAGES),
                "HERALD_USER_READ_BURST", "1000",
                "HERALD_CALLER_MAX_CONCURRENT", "1000"))) {
            GrpcUser reader = stack.grpc("reader", false).known();
            GrpcUser writer = stack.grpc("writer", false).known();
            Set<String> sent = sendAll(stack, writer, reader.id);
            assertThat(sent).hasSize(MESSAGES);

            List<String> newestFirst = new ArrayList<>();
            String before = "";
            do {
                var page = reader.inbox.listReceived(ListReceivedRequest.newBuilder().setBefore(before).setLimit(100).build());
                page.getMessagesList().forEach(m -> newestFirst.add(m.getMessage().getId()));
                before = page.getNextBefore();
            } while (!before.isEmpty());

            List<String> oldestFirst = new ArrayList<>();
            String after = "";
            boolean more = true;
            while (more) {
                var page = reader.inbox.sync(SyncRequest.newBuilder().setAfter(after).setLimit(100).build());
                page.getMessagesList().forEach(m -> oldestFirst.add(m.getMessage().getId()));
                after = page.getNextAfter();
                more = page.getHasMore();
            }

            assertThat(newestFirst).hasSize(MESSAGES).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(new HashSet<>(newestFirst)).isEqualTo(sent);
            // Sync follows publish order, which 500 sends in flight make differ from id order.
            assertThat(oldestFirst).hasSize(MESSAGES).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(inPublishOrder(stack, reader.id));
            assertThat(new HashSet<>(oldestFirst)).isEqualTo(sent);
        }
    }

    /** The receiver's message ids in the order their events are in the stream. */
    private static List<String> inPublishOrder(HeraldStack stack, String receiverId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection sql = stack.sql(); PreparedStatement select = sql.prepareStatement(
                "select message_id from receipts where receiver_id = ? order by stream_sequence")) {
            select.setString(1, receiverId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** Sends with many calls in flight, as a busy client would. */
    private static Set<String> sendAll(HeraldStack stack, GrpcUser writer, String receiver) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", stack.grpcPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + writer.token);
            var stub = MessageServiceGrpc.newFutureStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            Set<String> ids = new HashSet<>();
            for (int batch = 0; batch < MESSAGES / 500; batch++) {
                List<CompletableFuture<SendResponse>> inFlight = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    var future = new CompletableFuture<SendResponse>();
                    var call = stub.send(SendRequest.newBuilder().addReceivers(receiver).setBody("n" + (batch * 500 + i)).build());
                    call.addListener(() -> {
                        try {
                            future.complete(call.get());
                        } catch (Exception e) {
                            future.completeExceptionally(e);
                        }
                    }, Runnable::run);
                    inFlight.add(future);
                }
                for (var f : inFlight) {
                    ids.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS).getId());
                }
            }
            return ids;
        } finally {
            channel.shutdownNow();
        }
    }
}
