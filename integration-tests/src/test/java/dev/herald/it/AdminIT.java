package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.CountMessagesRequest;
import dev.herald.proto.v1.DeleteMessagesRequest;
import dev.herald.proto.v1.GetMessageRequest;
import dev.herald.proto.v1.GetUserRequest;
import dev.herald.proto.v1.ListUsersRequest;
import dev.herald.proto.v1.MessageFilter;
import dev.herald.proto.v1.ProvisionUsersRequest;
import dev.herald.proto.v1.QueryMessagesRequest;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.User;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API over gRPC: every operation, and PERMISSION_DENIED for everyone else. */
class AdminIT {

    static HeraldStack stack;
    static Rows rows;
    static GrpcUser root;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
        rows = new Rows(stack);
        root = stack.grpc("root", true);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static GrpcUser user(String prefix) {
        return stack.knownUser(prefix);
    }

    @Test
    void queryFiltersBySenderReceiverTypeTimeAndTextWithKeysetPagingAndCounts() {
        GrpcUser alice = user("alice");
        GrpcUser bob = user("bob");
        GrpcUser carol = user("carol");
        String marker = "needle" + UUID.randomUUID().toString().substring(0, 6);
        var sentA1 = alice.messages.send(SendRequest.newBuilder().addReceivers(bob.id)
                .setBody("x " + marker.toUpperCase() + " y").setType("alert-" + marker).build());
        String a1 = sentA1.getId();
        // Times have millisecond precision: a2 must come a millisecond later for since/until to tell them apart.
        long a1Millis = sentA1.getCreatedAt().getSeconds() * 1000 + sentA1.getCreatedAt().getNanos() / 1_000_000;
        await().pollInterval(Duration.ofMillis(1)).until(() -> System.currentTimeMillis() > a1Millis);
        String a2 = alice.send("plain", carol.id);
        String b1 = bob.send("reply", alice.id);

        assertThat(query(MessageFilter.newBuilder().setSenderId(alice.id))).containsExactly(a2, a1);
        assertThat(query(MessageFilter.newBuilder().setReceiverId(alice.id))).containsExactly(b1);
        assertThat(query(MessageFilter.newBuilder().setType("alert-" + marker))).containsExactly(a1);
        assertThat(query(MessageFilter.newBuilder().setText(marker))).containsExactly(a1);
        assertThat(root.admin.countMessages(CountMessagesRequest.newBuilder()
                .setFilter(MessageFilter.newBuilder().setSenderId(alice.id)).build()).getCount()).isEqualTo(2);
        var createdA2 = root.admin.getMessage(GetMessageRequest.newBuilder().setId(a2).build())
                .getMessage().getMessage().getCreatedAt();
        assertThat(query(MessageFilter.newBuilder().setSenderId(alice.id).setSince(createdA2))).containsExactly(a2);
        assertThat(query(MessageFilter.newBuilder().setSenderId(alice.id).setUntil(createdA2))).containsExactly(a1);

        var page = root.admin.queryMessages(QueryMessagesRequest.newBuilder()
                .setFilter(MessageFilter.newBuilder().setSenderId(alice.id)).setLimit(1).build());
        assertThat(page.getNextBefore()).isEqualTo(a2);
        assertThat(root.admin.queryMessages(QueryMessagesRequest.newBuilder()
                .setFilter(MessageFilter.newBuilder().setSenderId(alice.id)).setBefore(a2).build()).getMessagesList())
                .extracting(m -> m.getMessage().getId()).containsExactly(a1);
    }

    @Test
    void getShowsAllReceiptsAndDeleteRemovesMessagesForGood() {
        GrpcUser dan = user("dan");
        GrpcUser erin = user("erin");
        GrpcUser fay = user("fay");
        String id = dan.send("to delete", erin.id, fay.id);

        var got = root.admin.getMessage(GetMessageRequest.newBuilder().setId(id).build());
        assertThat(got.getMessage().getReceiptsList()).extracting(r -> r.getReceiverId())
                .containsExactlyInAnyOrder(erin.id, fay.id);

        String missing = UUID.randomUUID().toString();
        var deleted = root.admin.deleteMessages(DeleteMessagesRequest.newBuilder().addIds(id).addIds(missing).build());
        assertThat(deleted.getChangedList()).containsExactly(id);
        assertThat(deleted.getUnknownList()).containsExactly(missing);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows.count(
                "select count(*) from messages where id = ?::uuid", id) == 0);
        assertThat(rows.receiptsOf(id)).isZero();
        assertThatThrownBy(() -> root.admin.getMessage(GetMessageRequest.newBuilder().setId(id).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void provisionedUsersAreKnownReceiversBeforeTheyEverConnect() {
        String prefix = "prov-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        var provisioned = root.admin.provisionUsers(ProvisionUsersRequest.newBuilder()
                .addUsers(User.newBuilder().setId(prefix + "a").setName("Ann"))
                .addUsers(User.newBuilder().setId(prefix + "b").setName("Ben")).build());
        assertThat(provisioned.getUpserted()).isEqualTo(2);

        GrpcUser gus = user("gus");
        assertThat(gus.send("welcome", prefix + "a", prefix + "b")).isNotEmpty();
        assertThat(root.admin.getUser(GetUserRequest.newBuilder().setId(prefix + "b").build()).getUser().getName())
                .isEqualTo("Ben");
        root.admin.provisionUsers(ProvisionUsersRequest.newBuilder()
                .addUsers(User.newBuilder().setId(prefix + "b").setName("Benjamin")).build());
        assertThat(root.admin.getUser(GetUserRequest.newBuilder().setId(prefix + "b").build()).getUser().getName())
                .isEqualTo("Benjamin");

        var first = root.admin.listUsers(ListUsersRequest.newBuilder().setAfter(prefix).setLimit(1).build());
        assertThat(first.getUsersList()).extracting(User::getId).containsExactly(prefix + "a");
        assertThat(root.admin.listUsers(ListUsersRequest.newBuilder().setAfter(first.getNextAfter()).setLimit(1).build())
                .getUsersList()).extracting(User::getId).containsExactly(prefix + "b");
        assertThatThrownBy(() -> root.admin.getUser(GetUserRequest.newBuilder().setId(prefix + "zzz").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void everyAdminCallFromANonAdminIsPermissionDeniedAndWithoutATokenUnauthenticated() {
        GrpcUser mallory = user("mallory");
        String someId = UUID.randomUUID().toString();
        List<Runnable> calls = List.of(
                () -> mallory.admin.queryMessages(QueryMessagesRequest.getDefaultInstance()),
                () -> mallory.admin.countMessages(CountMessagesRequest.getDefaultInstance()),
                () -> mallory.admin.getMessage(GetMessageRequest.newBuilder().setId(someId).build()),
                () -> mallory.admin.deleteMessages(DeleteMessagesRequest.newBuilder().addIds(someId).build()),
                () -> mallory.admin.provisionUsers(ProvisionUsersRequest.newBuilder()
                        .addUsers(User.newBuilder().setId("x").setName("X")).build()),
                () -> mallory.admin.listUsers(ListUsersRequest.getDefaultInstance()),
                () -> mallory.admin.getUser(GetUserRequest.newBuilder().setId("root").build()));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", stack.grpcPort()).usePlaintext().build();
        try {
            assertThatThrownBy(() -> AdminServiceGrpc.newBlockingStub(channel)
                    .listUsers(ListUsersRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    private static List<String> query(MessageFilter.Builder filter) {
        return root.admin.queryMessages(QueryMessagesRequest.newBuilder().setFilter(filter).build()).getMessagesList()
                .stream().map(m -> m.getMessage().getId()).toList();
    }
}
