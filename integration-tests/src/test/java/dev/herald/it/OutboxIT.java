package dev.herald.it;

import static dev.herald.it.InboxIT.ids;
import static dev.herald.it.InboxIT.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.v1.DeleteSentRequest;
import dev.herald.proto.v1.GetReceivedRequest;
import dev.herald.proto.v1.ListReceivedRequest;
import dev.herald.proto.v1.ListSentRequest;
import dev.herald.proto.v1.MarkReadRequest;
import dev.herald.proto.v1.RecallRequest;
import dev.herald.proto.v1.Receipt;
import dev.herald.proto.v1.SentMessage;
import dev.herald.proto.v1.SyncRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A sender's outbox over gRPC: read states, delete from own view, recall, and isolation. */
class OutboxIT {

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
    void listSentShowsEveryReceiversReadStateNewestFirst() {
        GrpcUser alice = user("alice");
        GrpcUser bob = user("bob");
        GrpcUser carol = user("carol");
        String first = alice.send("first", bob.id);
        String second = alice.send("second", bob.id, carol.id);
        bob.inbox.markRead(MarkReadRequest.newBuilder().addIds(second).build());

        List<SentMessage> sent = alice.outbox.listSent(ListSentRequest.getDefaultInstance()).getMessagesList();

        assertThat(sent).extracting(m -> m.getMessage().getId()).containsExactly(second, first);
        Map<String, Receipt> receipts = byReceiver(sent.getFirst());
        assertThat(receipts.get(bob.id).hasReadAt()).isTrue();
        assertThat(receipts.get(carol.id).hasReadAt()).isFalse();
        assertThat(byReceiver(sent.get(1)).get(bob.id).hasReadAt()).isFalse();
        var page = alice.outbox.listSent(ListSentRequest.newBuilder().setLimit(1).build());
        assertThat(page.getNextBefore()).isEqualTo(second);
        assertThat(alice.outbox.listSent(ListSentRequest.newBuilder().setBefore(second).build()).getMessagesList())
                .extracting(m -> m.getMessage().getId()).containsExactly(first);
    }

    @Test
    void deleteSentHidesItFromTheSenderButNotTheReceiver() {
        GrpcUser dan = user("dan");
        GrpcUser erin = user("erin");
        String id = dan.send("keep it", erin.id);

        var deleted = dan.outbox.deleteSent(DeleteSentRequest.newBuilder().addIds(id).addIds("bogus").build());

        assertThat(deleted.getChangedList()).containsExactly(id);
        assertThat(deleted.getUnknownList()).containsExactly("bogus");
        assertThat(dan.outbox.listSent(ListSentRequest.getDefaultInstance()).getMessagesList()).isEmpty();
        assertThat(ids(erin.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList())).containsExactly(id);
    }

    @Test
    void recallHidesItFromEveryReceiver() {
        GrpcUser fay = user("fay");
        GrpcUser gus = user("gus");
        GrpcUser hal = user("hal");
        String id = fay.send("oops", gus.id, hal.id);

        var recalled = fay.outbox.recall(RecallRequest.newBuilder().addIds(id).build());

        assertThat(recalled.getChangedList()).containsExactly(id);
        for (GrpcUser receiver : List.of(gus, hal)) {
            assertThat(receiver.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList()).isEmpty();
            assertThat(receiver.inbox.listReceived(ListReceivedRequest.getDefaultInstance()).getMessagesList()).isEmpty();
            assertNotFound(() -> receiver.inbox.getReceived(GetReceivedRequest.newBuilder().setId(id).build()));
        }
        assertThat(fay.outbox.recall(RecallRequest.newBuilder().addIds(id).build()).getUnknownList()).containsExactly(id);
    }

    @Test
    void nobodyButTheSenderCanDeleteOrRecallIt() {
        GrpcUser ivy = user("ivy");
        GrpcUser jo = user("jo");
        String id = ivy.send("mine", jo.id);

        assertThat(jo.outbox.recall(RecallRequest.newBuilder().addIds(id).build()).getUnknownList()).containsExactly(id);
        assertThat(jo.outbox.deleteSent(DeleteSentRequest.newBuilder().addIds(id).build()).getUnknownList())
                .containsExactly(id);
        assertThat(jo.outbox.listSent(ListSentRequest.getDefaultInstance()).getMessagesList()).isEmpty();
        assertThat(ids(jo.inbox.sync(SyncRequest.getDefaultInstance()).getMessagesList())).containsExactly(id);
        assertThat(ivy.outbox.listSent(ListSentRequest.getDefaultInstance()).getMessagesList()).hasSize(1);
    }

    private static Map<String, Receipt> byReceiver(SentMessage message) {
        return message.getReceiptsList().stream()
                .collect(java.util.stream.Collectors.toMap(Receipt::getReceiverId, r -> r));
    }
}
