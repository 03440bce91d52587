package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.CountUnreadRequest;
import dev.herald.proto.v1.DeleteReceivedRequest;
import dev.herald.proto.v1.GetReceivedRequest;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SyncRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A receiver's inbox over gRPC: sync, lists with filters, unread count, get, read, delete, and isolation. */
class InboxIT {

    static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static GrpcUser user(String prefix) {
        return stack.knownUser(prefix);
    }

    @Test
    void syncReturnsEverythingAfterTheCursorOldestFirstWithoutGapsOrDuplicates() {
        GrpcUser alice = user("alice");
        GrpcUser bob = user("bob");
        List<String> sent = List.of(alice.send("1", bob.id), alice.send("2", bob.id), alice.send("3", bob.id));

        var first = bob.inbox.sync(SyncRequest.newBuilder().setLimit(2).build());
        var second = bob.inbox.sync(SyncRequest.newBuilder().setAfter(first.getNextAfter()).setLimit(2).build());

        assertThat(ids(first.getMessagesList())).containsExactly(sent.get(0), sent.get(1));
        assertThat(first.getHasMore()).isTrue();
        assertThat(ids(second.getMessagesList())).containsExactly(sent.get(2));
        assertThat(second.getHasMore()).isFalse();
        assertThat(first.getMessages(0).getMessage().getSender().getId()).isEqualTo(alice.id);
        assertThat(first.getMessages(0).getMessage().getReceiversList()).containsExactly(bob.id);
    }

    @Test
    void listIsNewestFirstAndFiltersByUnreadSenderTypeAndTime() throws Exception {
        GrpcUser carol = user("carol");
        GrpcUser dan = user("dan");
        GrpcUser erin = user("erin");
        String fromDan = dan.messages.send(SendRequest.newBuilder().addReceivers(carol.id).setBody("a").setType("note").build()).getId();
        Instant between = Instant.now().plusMillis(2); // strictly after dan's message, before erin's
        await().until(() -> Instant.now().isAfter(between.plusMillis(2)));
        String fromErin = erin.send("b", carol.id);
        String fromErin2 = erin.send("c", carol.id);
        carol.inbox.markRead(MarkReadRequest.newBuilder().addIds(fromErin2).build());

        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.getDefaultInstance()).getMessagesList()))
                .containsExactly(fromErin2, fromErin, fromDan);
        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.newBuilder().setUnreadOnly(true).build())
                .getMessagesList())).containsExactly(fromErin, fromDan);
        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.newBuilder().setSenderId(dan.id).build())
                .getMessagesList())).containsExactly(fromDan);
        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.newBuilder().setType("note").build())
                .getMessagesList())).containsExactly(fromDan);
        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.newBuilder().setSince(ts(between)).build())
                .getMessagesList())).containsExactly(fromErin2, fromErin);
        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.newBuilder().setUntil(ts(between)).build())
                .getMessagesList())).containsExactly(fromDan);
        var page = carol.inbox.listReceived(ListReceivedRequest.newBuilder().setLimit(2).build());
        assertThat(page.getNextBefore()).isEqualTo(fromErin);
        assertThat(ids(carol.inbox.listReceived(ListReceivedRequest.newBuilder().setBefore(page.getNextBefore())
                .build()).getMessagesList())).containsExactly(fromDan);
    }

    @Test
    void unreadCountGetAndMarkReadWorkTogether() {
        GrpcUser fay = user("fay");
        GrpcUser gus = user("gus");
        String one = gus.send("one", fay.id);
        String two = gus.send("two", fay.id);

        assertThat(fay.inbox.countUnread(CountUnreadRequest.getDefaultInstance()).getUnread()).isEqualTo(2);
        ReceivedMessage got = fay.inbox.getReceived(GetReceivedRequest.newBuilder().setId(one).setMarkRead(true).build())
                .getMessage();
        assertThat(got.getMessage().getBody()).isEqualTo("one");
        assertThat(got.hasReadAt()).isTrue();
        assertThat(fay.inbox.countUnread(CountUnreadRequest.getDefaultInstance()).getUnread()).isEqualTo(1);

        var marked = fay.inbox.markRead(MarkReadRequest.newBuilder().addIds(one).addIds(two).addIds("junk").build());
        assertThat(marked.getChangedList()).containsExactly(two);
        assertThat(marked.getUnknownList()).containsExactly("junk");
        assertThat(fay.inbox.countUnread(CountUnreadRequest.getDefaultInstance()).getUnread()).isZero();
        assertThat(fay.inbox.getReceived(GetReceivedRequest.newBuilder().setId(two).build()).getMessage().hasReadAt())
                .isTrue();
    }

    @Test
    void deleteHidesAMessageFromTheReceiverOnly() {
        GrpcUser hal = user("hal");
        GrpcUser ivy = user("ivy");
        GrpcUser jo = user("jo");
        String id = jo.send("for both", hal.id, ivy.id);

        var deleted = hal.inbox.deleteReceived(DeleteReceivedRequest.newBuilder().addIds(id).build());

        assertThat(deleted.getChangedList()).containsExactly(id);
        assertThat(hal.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList()).isEmpty();
        assertThat(hal.inbox.listReceived(ListReceivedRequest.getDefaultInstance()).getMessagesList()).isEmpty();
        assertNotFound(() -> hal.inbox.getReceived(GetReceivedRequest.newBuilder().setId(id).build()));
        assertThat(ids(ivy.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList())).containsExactly(id);
        assertThat(hal.inbox.deleteReceived(DeleteReceivedRequest.newBuilder().addIds(id).build()).getUnknownList())
                .containsExactly(id);
    }

    @Test
    void someoneElsesMessageIsNotFoundForEveryReceiverOperation() {
        GrpcUser kim = user("kim");
        GrpcUser lea = user("lea");
        GrpcUser mallory = user("mallory");
        String id = kim.send("private", lea.id);

        assertNotFound(() -> mallory.inbox.getReceived(GetReceivedRequest.newBuilder().setId(id).build()));
        assertNotFound(() -> kim.inbox.getReceived(GetReceivedRequest.newBuilder().setId(id).build()));
        assertThat(mallory.inbox.markRead(MarkReadRequest.newBuilder().addIds(id).build()).getUnknownList())
                .containsExactly(id);
        assertThat(mallory.inbox.deleteReceived(DeleteReceivedRequest.newBuilder().addIds(id).build()).getUnknownList())
                .containsExactly(id);
        assertThat(mallory.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList()).isEmpty();
        assertThat(mallory.inbox.listReceived(ListReceivedRequest.newBuilder().setSenderId(kim.id).build())
                .getMessagesList()).isEmpty();
        assertThat(mallory.inbox.countUnread(CountUnreadRequest.getDefaultInstance()).getUnread()).isZero();
        // Lea's view is untouched by all of that.
        ReceivedMessage leas = lea.inbox.getReceived(GetReceivedRequest.newBuilder().setId(id).build()).getMessage();
        assertThat(leas.hasReadAt()).isFalse();
    }

    @Test
    void badRequestsNameTheirField() {
        GrpcUser ned = user("ned");
        assertInvalid(() -> ned.inbox.sync(SyncRequest.newBuilder().setAfter("x").build()), "after");
        assertInvalid(() -> ned.inbox.listReceived(ListReceivedRequest.newBuilder().setLimit(501).build()), "limit");
        assertInvalid(() -> ned.inbox.markRead(MarkReadRequest.getDefaultInstance()), "ids");
        var tooMany = MarkReadRequest.newBuilder();
        for (int i = 0; i < 501; i++) {
            tooMany.addIds(UUID.randomUUID().toString());
        }
        assertInvalid(() -> ned.inbox.markRead(tooMany.build()), "ids");
    }

    static List<String> ids(List<ReceivedMessage> messages) {
        return messages.stream().map(m -> m.getMessage().getId()).toList();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    static void assertInvalid(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getTrailers().get(io.grpc.Metadata.Key.of("herald-field", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
                    .isEqualTo(field);
        });
    }
}
