package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.ReplyBound;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import dev.herald.devidp.JwksServer;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.GetMessageRequest;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListReceivedResponse;
import dev.herald.proto.v1.ListSentRequest;
import dev.herald.proto.v1.ListSentResponse;
import dev.herald.proto.v1.MessageFilter;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.QueryMessagesRequest;
import dev.herald.proto.v1.QueryMessagesResponse;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.proto.v1.SyncResponse;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.NatsServerProcess;
import dev.herald.testing.TestDatabase;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paged replies over real gRPC against stored rows in PostgreSQL: each page stops before {@code
 * HERALD_MAX_REPLY_BYTES} (default 1 MiB), paging reaches every message once, a message larger than the bound comes
 * alone, and a message carries at most 100 receivers plus their count.
 */
class ReplyBoundIT {

    private static final int BOUND = ReplyBound.DEFAULT_BYTES;
    private static final int MESSAGES = 500;
    /** 32 KiB, the default HERALD_MAX_BODY_BYTES: a page of 500 was 16 MiB, four times gRPC's default 4 MiB. */
    private static final String BODY = "<b>".repeat(32_768 / 3);

    static NatsServerProcess natsServer;
    static TestDatabase testDatabase;
    static Database database;
    static JwksServer jwks;
    static DevTokenIssuer tokens;
    static MessageServer server;
    static ManagedChannel channel;
    static StoredRows rows;

    @BeforeAll
    static void startServer() throws Exception {
        natsServer = NatsServerProcess.start();
        testDatabase = TestDatabase.create();
        database = new Database(new DatabaseConfig(testDatabase.jdbcUrl(), testDatabase.user(),
                testDatabase.password(), 2), "reply-bound-rows");
        database.migrate();
        rows = new StoredRows(database.dsl());
        DevKeys keys = DevKeys.generate();
        jwks = JwksServer.start(keys, "127.0.0.1", 0);
        tokens = new DevTokenIssuer(keys, "herald-test", "herald", Clock.systemUTC());
        String stream = "RB_" + UUID.randomUUID().toString().replace("-", "");
        server = MessageServer.start(MessageServiceConfig.fromEnv(Map.ofEntries(
                Map.entry("HERALD_GRPC_HOST", "127.0.0.1"),
                Map.entry("HERALD_GRPC_PORT", "0"),
                Map.entry("HERALD_OPS_PORT", "0"),
                Map.entry("HERALD_NATS_URL", natsServer.url()),
                Map.entry("HERALD_NATS_STREAM", stream),
                Map.entry("HERALD_NATS_SUBJECT_PREFIX", "it." + stream),
                // No worker runs: rows are stored by the test, so reads need not wait for the watermark.
                Map.entry("HERALD_STORED_WAIT_MS", "0"),
                Map.entry("HERALD_GATEWAY_SECRET", MessageServerIT.SECRET),
                Map.entry("HERALD_JWKS_URL", jwks.jwksUrl().toString()),
                Map.entry("HERALD_JWT_ISSUER", "herald-test"),
                Map.entry("HERALD_JWT_AUDIENCE", "herald"),
                Map.entry("HERALD_DB_URL", testDatabase.jdbcUrl()),
                Map.entry("HERALD_DB_USER", testDatabase.user()),
                Map.entry("HERALD_DB_PASSWORD", testDatabase.password()))));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(ReplyBound.defaults().grpcMaxMessageBytes())
                .build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        channel.shutdownNow();
        server.close();
        database.close();
        jwks.close();
        testDatabase.close();
        natsServer.close();
    }

    @Test
    void fiveHundredMessagesOf32KiBArePagedUnderTheBoundWithNothingLostOrRepeated() {
        String alice = unique("alice");
        String bob = unique("bob");
        List<String> stored = storeMessages(alice, bob, MESSAGES, BODY);
        InboxServiceGrpc.InboxServiceBlockingStub inbox = as(InboxServiceGrpc.newBlockingStub(channel), bob, false);

        List<String> synced = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = "";
        SyncResponse page;
        do {
            page = inbox.sync(SyncRequest.newBuilder().setAfter(after).setLimit(MESSAGES).build());
            assertThat(page.getSerializedSize()).isLessThanOrEqualTo(BOUND);
            assertThat(page.getMessagesCount()).isPositive();
            page.getMessagesList().forEach(m -> synced.add(m.getMessage().getId()));
            pageSizes.add(page.getMessagesCount());
            after = page.getNextAfter();
        } while (page.getHasMore());

        assertThat(synced).containsExactlyElementsOf(stored);
        assertThat(pageSizes.getFirst()).as("a full page of 32 KiB bodies").isBetween(25, 32);

        List<String> listed = new ArrayList<>();
        String before = "";
        do {
            ListReceivedResponse list = inbox.listReceived(
                    ListReceivedRequest.newBuilder().setBefore(before).setLimit(MESSAGES).build());
            assertThat(list.getSerializedSize()).isLessThanOrEqualTo(BOUND);
            list.getMessagesList().forEach(m -> listed.add(m.getMessage().getId()));
            before = list.getNextBefore();
        } while (!before.isEmpty());
        assertThat(listed).containsExactlyElementsOf(stored.reversed());

        assertThat(sentPages(alice)).containsExactlyElementsOf(stored.reversed());
        assertThat(adminPages(alice)).containsExactlyElementsOf(stored.reversed());
    }

    @Test
    void aMessageLargerThanTheBoundComesAloneAndPagingGoesOn() {
        String alice = unique("alice");
        String bob = unique("bob");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        // Stored as if HERALD_MAX_BODY_BYTES had been 2 MiB when it was sent.
        String large = rows.message(alice).to(bob).body("y".repeat(2 << 20)).at(t0).store().toString();
        String small = rows.message(alice).to(bob).body("small").at(t0.plusSeconds(1)).store().toString();
        InboxServiceGrpc.InboxServiceBlockingStub inbox = as(InboxServiceGrpc.newBlockingStub(channel), bob, false);

        SyncResponse first = inbox.sync(SyncRequest.newBuilder().setLimit(10).build());
        SyncResponse second = inbox.sync(SyncRequest.newBuilder().setAfter(first.getNextAfter()).setLimit(10).build());

        assertThat(first.getMessagesList()).extracting(m -> m.getMessage().getId()).containsExactly(large);
        assertThat(first.getSerializedSize()).isGreaterThan(BOUND);
        assertThat(first.getHasMore()).isTrue();
        assertThat(second.getMessagesList()).extracting(m -> m.getMessage().getId()).containsExactly(small);
        assertThat(second.getHasMore()).isFalse();
    }

    @Test
    void aThousandReceiversAreCarriedAsTheFirstHundredAndTheirCount() {
        String alice = unique("alice");
        String prefix = unique("r");
        List<String> receivers = IntStream.range(0, 1000).mapToObj(i -> prefix + "-%04d".formatted(i)).toList();
        String id = rows.message(alice).to(receivers).body("to everyone").store().toString();

        ReceivedMessage received = as(InboxServiceGrpc.newBlockingStub(channel), receivers.get(500), false)
                .sync(SyncRequest.getDefaultInstance()).getMessages(0);
        SentMessage sent = as(OutboxServiceGrpc.newBlockingStub(channel), alice, false)
                .listSent(ListSentRequest.getDefaultInstance()).getMessages(0);
        SentMessage inspected = as(AdminServiceGrpc.newBlockingStub(channel), "root", true)
                .getMessage(GetMessageRequest.newBuilder().setId(id).build()).getMessage();

        assertThat(received.getMessage().getReceiversList()).containsExactlyElementsOf(receivers.subList(0, 100));
        assertThat(received.getReceiverCount()).isEqualTo(1000);
        for (SentMessage view : List.of(sent, inspected)) {
            assertThat(view.getMessage().getReceiversList()).containsExactlyElementsOf(receivers.subList(0, 100));
            assertThat(view.getReceiverCount()).isEqualTo(1000);
            assertThat(view.getReceiptsCount()).as("the sender's view keeps every receipt").isEqualTo(1000);
        }
    }

    private List<String> sentPages(String sender) {
        OutboxServiceGrpc.OutboxServiceBlockingStub outbox = as(OutboxServiceGrpc.newBlockingStub(channel), sender, false);
        List<String> ids = new ArrayList<>();
        String before = "";
        do {
            ListSentResponse page = outbox.listSent(
                    ListSentRequest.newBuilder().setBefore(before).setLimit(MESSAGES).build());
            assertThat(page.getSerializedSize()).isLessThanOrEqualTo(BOUND);
            page.getMessagesList().forEach(m -> ids.add(m.getMessage().getId()));
            before = page.getNextBefore();
        } while (!before.isEmpty());
        return ids;
    }

    private List<String> adminPages(String sender) {
        AdminServiceGrpc.AdminServiceBlockingStub admin = as(AdminServiceGrpc.newBlockingStub(channel), "root", true);
        List<String> ids = new ArrayList<>();
        String before = "";
        do {
            QueryMessagesResponse page = admin.queryMessages(QueryMessagesRequest.newBuilder()
                    .setFilter(MessageFilter.newBuilder().setSenderId(sender)).setBefore(before).setLimit(MESSAGES)
                    .build());
            assertThat(page.getSerializedSize()).isLessThanOrEqualTo(BOUND);
            page.getMessagesList().forEach(m -> ids.add(m.getMessage().getId()));
            before = page.getNextBefore();
        } while (!before.isEmpty());
        return ids;
    }

    /** Stores {@code count} messages a millisecond apart, oldest first; returns their ids in that order. */
    private static List<String> storeMessages(String sender, String receiver, int count, String body) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        return IntStream.range(0, count)
                .mapToObj(i -> rows.message(sender).to(receiver).body(body).at(t0.plusMillis(i)).store().toString())
                .toList();
    }

    private static <S extends AbstractStub<S>> S as(S stub, String userId, boolean admin) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.issue(userId, userId, admin, Duration.ofMinutes(10)));
        ClientInterceptor bearer = MetadataUtils.newAttachHeadersInterceptor(headers);
        return stub.withInterceptors(bearer);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
